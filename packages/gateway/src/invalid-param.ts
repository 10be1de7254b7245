// The 400 that names a bad parameter: "Invalid parameter <param>: <what it expects>.", from a
// hand-written check or from the first issue of a zod validation (credentials in byok_conf are
// never echoed: its issues name the field only).
import { SwitchyardError } from "@switchyard/core";
import type { z } from "zod";

export function invalidParameter(param: string, expectation: string): SwitchyardError {
  return new SwitchyardError("invalid_request", `Invalid parameter ${param}: ${expectation}.`, { param });
}

export function invalidParam(error: z.ZodError): SwitchyardError {
  const issue = error.issues[0]!;
  const param = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
  const detail = param.startsWith("byok_conf") ? "is invalid" : issue.message.replace(/^Invalid input: /, "").toLowerCase();
  return new SwitchyardError("invalid_request", `Invalid parameter ${param || "body"}: ${detail}.`, param ? { param } : {});
}
