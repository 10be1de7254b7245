// Turns a parsed JSON body into a ChatRequest or a 400 that names the offending parameter.
// `web_search` and `plugins` are checked by plugins.ts, only when present.
import { SwitchyardError } from "@switchyard/core";
import { type ChatRequest, chatRequestSchema } from "./schema.ts";

export function validateChatRequest(body: unknown): ChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
  }
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
  // Never echo credentials back: byok_conf issues name the field only.
  const detail = param.startsWith("byok_conf") ? "is invalid" : issue.message.replace(/^Invalid input: /, "").toLowerCase();
  throw new SwitchyardError("invalid_request", `Invalid parameter ${param || "body"}: ${detail}.`, param ? { param } : {});
}
