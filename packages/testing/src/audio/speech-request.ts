// Validates a POST …/audio/speech body as OpenAI does (openai-node's SpeechCreateParams; OpenAI's
// invalid_value / string_above_max_length / decimal_*_value errors), and sizes the audio: about
// 15 characters of speech per second at speed 1 (150 words a minute).
import { invalidJsonBody, invalidParamBody, missingParamBody, type OpenAiErrorBody } from "../mock-errors.ts";
import { SPEECH_FORMATS, type SpeechFormat } from "./formats.ts";

export const SPEECH_MODELS = ["tts-1", "tts-1-hd", "gpt-4o-mini-tts", "gpt-4o-mini-tts-2025-03-20", "gpt-4o-mini-tts-2025-12-15"];
const VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];
const CHARACTERS_PER_SECOND = 15;

export interface SpeechRequest {
  model: string;
  input: string;
  format: SpeechFormat;
  sse: boolean;
  instructions: string;
  seconds: number;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const invalidValue = (param: string, value: unknown, values: readonly string[]): OpenAiErrorBody => ({
  error: { message: `Invalid value: '${String(value)}'. Supported values are: ${list(values)}.`, type: "invalid_request_error", param, code: "invalid_value" },
});

/** The request, or a 400 body. `model` overrides the body's (Azure: the deployment's model). */
export function readSpeechRequest(raw: string, model?: string): SpeechRequest | { status: number; body: OpenAiErrorBody } {
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    return { status: 400, body: invalidJsonBody() };
  }
  const bad = (b: OpenAiErrorBody) => ({ status: 400, body: b });
  const name = model ?? body.model;
  if (typeof name !== "string" || name === "") return bad(missingParamBody("model"));
  if (typeof body.input !== "string") return bad(missingParamBody("input"));
  if (body.input.length > 4096) {
    return bad({ error: { message: `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${body.input.length} instead.`, type: "invalid_request_error", param: "input", code: "string_above_max_length" } });
  }
  const voice = body.voice;
  if (voice === undefined) return bad(missingParamBody("voice"));
  const custom = typeof voice === "object" && voice !== null && typeof (voice as { id?: unknown }).id === "string";
  if (!custom && !VOICES.includes(voice as string)) return bad(invalidValue("voice", typeof voice === "string" ? voice : JSON.stringify(voice), VOICES));
  const format = body.response_format ?? "mp3";
  if (!SPEECH_FORMATS.includes(format as SpeechFormat)) return bad(invalidValue("response_format", format, SPEECH_FORMATS));
  const speed = body.speed ?? 1;
  if (typeof speed !== "number") return bad(invalidParamBody("speed", `Invalid type for 'speed': expected a decimal, but got ${typeof speed} instead.`));
  if (speed < 0.25) return bad({ error: { message: `Invalid 'speed': decimal below minimum value. Expected a value >= 0.25, but got ${speed} instead.`, type: "invalid_request_error", param: "speed", code: "decimal_below_min_value" } });
  if (speed > 4) return bad({ error: { message: `Invalid 'speed': decimal above maximum value. Expected a value <= 4, but got ${speed} instead.`, type: "invalid_request_error", param: "speed", code: "decimal_above_max_value" } });
  const legacy = name === "tts-1" || name === "tts-1-hd";
  if (body.instructions !== undefined && (typeof body.instructions !== "string" || legacy)) {
    return bad(invalidParamBody("instructions", legacy ? `Instructions are not supported for ${name}.` : "Invalid type for 'instructions': expected a string."));
  }
  const streamFormat = body.stream_format ?? "audio";
  if (streamFormat !== "audio" && streamFormat !== "sse") return bad(invalidValue("stream_format", streamFormat, ["sse", "audio"]));
  if (streamFormat === "sse" && legacy) return bad(invalidParamBody("stream_format", `stream_format 'sse' is not supported for ${name}.`));
  if (!SPEECH_MODELS.includes(name)) return { status: 404, body: { error: { message: `The model \`${name}\` does not exist or you do not have access to it.`, type: "invalid_request_error", param: null, code: "model_not_found" } } };
  const seconds = Math.max(0.5, body.input.length / CHARACTERS_PER_SECOND / speed);
  return { model: name, input: body.input, format: format as SpeechFormat, sse: streamFormat === "sse", instructions: (body.instructions as string | undefined) ?? "", seconds };
}
