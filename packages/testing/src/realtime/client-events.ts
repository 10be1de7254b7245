// Validation of Realtime client events as OpenAI's GA interface checks them: a JSON object with
// a known `type` and that type's required fields. Problems come back as OpenAI's `error` event
// payload: {type: "invalid_request_error", code, message, param, event_id}.

export const CLIENT_EVENT_TYPES = [
  "session.update",
  "input_audio_buffer.append",
  "input_audio_buffer.commit",
  "input_audio_buffer.clear",
  "output_audio_buffer.clear",
  "conversation.item.create",
  "conversation.item.retrieve",
  "conversation.item.truncate",
  "conversation.item.delete",
  "response.create",
  "response.cancel",
] as const;

export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

export interface ClientEventProblem {
  type: "invalid_request_error";
  code: string;
  message: string;
  param: string | null;
  event_id: string | null;
}

export type ParsedClientEvent = { ok: true; event: Record<string, unknown> & { type: ClientEventType } } | { ok: false; problem: ClientEventProblem; raw?: Record<string, unknown> };

const KNOWN = new Set<string>(CLIENT_EVENT_TYPES);
const ITEM_TYPES = new Set(["message", "function_call", "function_call_output"]);
const ROLES = new Set(["user", "assistant", "system"]);
const SESSION_TYPES = new Set(["realtime", "transcription"]);
const MODALITIES = new Set(["text", "audio"]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function problem(code: string, message: string, param: string | null, eventId: string | null): ClientEventProblem {
  return { type: "invalid_request_error", code, message, param, event_id: eventId };
}

export function parseClientEvent(text: string): ParsedClientEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: problem("invalid_json", "The server failed to parse the client event: expected a JSON object.", null, null) };
  }
  if (!isObject(raw)) return { ok: false, problem: problem("invalid_json", "The client event must be a JSON object.", null, null) };
  const eventId = typeof raw.event_id === "string" ? raw.event_id : null;
  const fail = (code: string, message: string, param: string | null): ParsedClientEvent => ({ ok: false, problem: problem(code, message, param, eventId), raw });
  if (raw.type === undefined) return fail("missing_required_parameter", "Missing required parameter: 'type'.", "type");
  if (typeof raw.type !== "string" || !KNOWN.has(raw.type)) {
    return fail("invalid_value", `Invalid value: '${String(raw.type)}'. Supported values are: ${CLIENT_EVENT_TYPES.map((t) => `'${t}'`).join(", ")}.`, "type");
  }
  const bad = checkFields(raw);
  return bad ? fail(bad.code, bad.message, bad.param) : { ok: true, event: raw as Record<string, unknown> & { type: ClientEventType } };
}

type FieldProblem = { code: string; message: string; param: string } | undefined;

const missing = (param: string): FieldProblem => ({ code: "missing_required_parameter", message: `Missing required parameter: '${param}'.`, param });
const invalid = (param: string, expected: string): FieldProblem => ({ code: "invalid_type", message: `Invalid type for '${param}': expected ${expected}.`, param });
const value = (param: string, got: unknown, allowed: Set<string>): FieldProblem => ({
  code: "invalid_value",
  message: `Invalid value: '${String(got)}'. Supported values are: ${[...allowed].map((a) => `'${a}'`).join(", ")}.`,
  param,
});

function checkFields(e: Record<string, unknown>): FieldProblem {
  switch (e.type) {
    case "session.update":
      if (e.session === undefined) return missing("session");
      if (!isObject(e.session)) return invalid("session", "an object");
      if (e.session.type === undefined) return missing("session.type");
      if (typeof e.session.type !== "string" || !SESSION_TYPES.has(e.session.type)) return value("session.type", e.session.type, SESSION_TYPES);
      return checkModalities(e.session.output_modalities, "session.output_modalities");
    case "input_audio_buffer.append":
      if (e.audio === undefined) return missing("audio");
      if (typeof e.audio !== "string" || !BASE64.test(e.audio)) return invalid("audio", "a base64-encoded string");
      return undefined;
    case "conversation.item.create":
      return checkItem(e.item);
    case "conversation.item.retrieve":
    case "conversation.item.delete":
      return typeof e.item_id === "string" ? undefined : missing("item_id");
    case "conversation.item.truncate":
      if (typeof e.item_id !== "string") return missing("item_id");
      if (typeof e.audio_end_ms !== "number" || e.audio_end_ms < 0) return missing("audio_end_ms");
      return undefined;
    case "response.create":
      if (e.response === undefined) return undefined;
      if (!isObject(e.response)) return invalid("response", "an object");
      return checkModalities(e.response.output_modalities, "response.output_modalities");
    default:
      return undefined;
  }
}

function checkModalities(modalities: unknown, param: string): FieldProblem {
  if (modalities === undefined) return undefined;
  if (!Array.isArray(modalities) || modalities.length !== 1) return invalid(param, "an array of one of 'text' or 'audio'");
  return MODALITIES.has(modalities[0] as string) ? undefined : value(`${param}[0]`, modalities[0], MODALITIES);
}

function checkItem(item: unknown): FieldProblem {
  if (item === undefined) return missing("item");
  if (!isObject(item)) return invalid("item", "an object");
  if (typeof item.type !== "string" || !ITEM_TYPES.has(item.type)) return value("item.type", item.type, ITEM_TYPES);
  if (item.type === "function_call_output") return typeof item.call_id === "string" ? (typeof item.output === "string" ? undefined : missing("item.output")) : missing("item.call_id");
  if (item.type === "function_call") return typeof item.name === "string" ? undefined : missing("item.name");
  if (typeof item.role !== "string" || !ROLES.has(item.role)) return value("item.role", item.role, ROLES);
  if (!Array.isArray(item.content)) return missing("item.content");
  for (const [i, part] of item.content.entries()) {
    if (!isObject(part) || typeof part.type !== "string") return missing(`item.content[${i}].type`);
    if ((part.type === "input_text" || part.type === "output_text" || part.type === "text") && typeof part.text !== "string") return missing(`item.content[${i}].text`);
    if (part.type === "input_audio" && typeof part.audio !== "string") return missing(`item.content[${i}].audio`);
  }
  return undefined;
}

/** Text of a message item's parts (for the mock's token counts). */
export function itemText(item: Record<string, unknown>): string {
  const content = Array.isArray(item.content) ? item.content : [];
  return content.map((p: unknown) => (isObject(p) && typeof p.text === "string" ? p.text : isObject(p) && typeof p.transcript === "string" ? p.transcript : "")).join(" ");
}

/** Bytes of base64 audio carried by a message item's input_audio parts. */
export function itemAudioBytes(item: Record<string, unknown>): number {
  const content = Array.isArray(item.content) ? item.content : [];
  return content.reduce((n: number, p: unknown) => n + (isObject(p) && typeof p.audio === "string" ? Buffer.byteLength(p.audio, "base64") : 0), 0);
}
