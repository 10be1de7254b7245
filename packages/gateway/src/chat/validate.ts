// Turns a parsed JSON body into a ChatRequest or a 400 that names the offending parameter.
// `web_search` and `plugins` are checked by plugins.ts, only when present.
import { SwitchyardError } from "@switchyard/core";
import { invalidParam } from "../invalid-param.ts";
import { type ChatRequest, chatRequestSchema } from "./schema.ts";

export function validateChatRequest(body: unknown): ChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
  }
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw invalidParam(parsed.error);
}
