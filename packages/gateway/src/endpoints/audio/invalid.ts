// A zod failure as the 400 that names the parameter (credentials in byok_conf never echoed).
import { SwitchyardError } from "@switchyard/core";
import type { z } from "zod";

export function invalidParam(error: z.ZodError): SwitchyardError {
  const issue = error.issues[0]!;
  const param = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
  const detail = param.startsWith("byok_conf") ? "is invalid" : issue.message.replace(/^Invalid input: /, "").toLowerCase();
  return new SwitchyardError("invalid_request", `Invalid parameter ${param || "body"}: ${detail}.`, param ? { param } : {});
}
