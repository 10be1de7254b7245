// Validates a POST …/audio/transcriptions or …/audio/translations multipart body as OpenAI (and
// Groq, which copies it) does: the classic "1 validation error for Request" for a missing file
// or model, the file's extension among Whisper's formats, the model for the endpoint
// (translations: whisper-1 at OpenAI, whisper-large-v3 at Groq), response_format per model
// (the gpt-4o transcribe models answer json or text only), timestamp_granularities[] only with
// verbose_json, temperature 0–1, 25 MB per file.
import type { OpenAiErrorBody } from "../mock-errors.ts";
import { type FormData, parseMultipart } from "../openai-images/multipart.ts";
import type { RecordedRequest } from "../mock-types.ts";
import { fileDuration } from "./formats.ts";

export const TRANSCRIPTION_MODELS = ["whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "whisper-large-v3", "whisper-large-v3-turbo"];
const TRANSLATION_MODELS = ["whisper-1", "whisper-large-v3"];
const FILE_FORMATS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];
const FORMATS = ["json", "text", "srt", "verbose_json", "vtt"];
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface TranscriptionRequest {
  task: "transcribe" | "translate";
  model: string;
  filename: string;
  seconds: number;
  format: string;
  stream: boolean;
  prompt: string;
  language: string | undefined;
  granularities: string[];
  form: FormData;
}

type Failure = { status: number; body: OpenAiErrorBody };
const error = (status: number, message: string, param: string | null = null, code: string | null = null): Failure => ({ status, body: { error: { message, type: "invalid_request_error", param, code } } });
const missing = (field: string) => error(400, `1 validation error for Request\nbody -> ${field}\n  field required (type=value_error.missing)`);

export async function readTranscriptionRequest(record: RecordedRequest, task: "transcribe" | "translate", model?: string): Promise<TranscriptionRequest | Failure> {
  const contentType = record.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data") || !record.rawBytes) return error(400, "Invalid Content-Type header (expected multipart/form-data).");
  let form: FormData;
  try {
    form = await parseMultipart(contentType, record.rawBytes);
  } catch {
    return error(400, "Could not parse multipart form");
  }
  const one = (name: string): string | undefined => form.fields[name]?.[0];
  const file = form.files.find((f) => f.field === "file");
  if (!file) return missing("file");
  const name = model ?? one("model");
  if (!name) return missing("model");
  if (file.bytes.length > MAX_FILE_BYTES) return error(413, `Maximum content size limit (${MAX_FILE_BYTES}) exceeded (${file.bytes.length} bytes read)`);
  const extension = file.filename.split(".").pop()?.toLowerCase() ?? "";
  if (!FILE_FORMATS.includes(extension)) return error(400, `Invalid file format. Supported formats: ${JSON.stringify(FILE_FORMATS)}`, "file", "invalid_value");
  const models = task === "translate" ? TRANSLATION_MODELS : TRANSCRIPTION_MODELS;
  if (!models.includes(name)) return error(400, `The model \`${name}\` does not support ${task === "translate" ? "translations" : "transcriptions"} or does not exist.`, "model", "model_not_found");
  const format = one("response_format") ?? "json";
  if (!FORMATS.includes(format)) return error(400, `Invalid value: '${format}'. Supported values are: ${FORMATS.map((f) => `'${f}'`).join(", ")}.`, "response_format", "invalid_value");
  if (name.startsWith("gpt-4o") && format !== "json" && format !== "text") return error(400, `response_format '${format}' is not compatible with model '${name}'. Use 'json' or 'text' instead.`, "response_format", "unsupported_value");
  const granularities = form.fields["timestamp_granularities[]"] ?? [];
  if (granularities.some((g) => g !== "word" && g !== "segment")) return error(400, "Invalid value for 'timestamp_granularities[]': expected 'word' or 'segment'.", "timestamp_granularities", "invalid_value");
  if (granularities.length > 0 && format !== "verbose_json") return error(400, "timestamp_granularities requires response_format=verbose_json", "timestamp_granularities", null);
  const temperature = one("temperature");
  if (temperature !== undefined && !(Number(temperature) >= 0 && Number(temperature) <= 1)) return error(400, `Invalid 'temperature': expected a number between 0 and 1, got '${temperature}'.`, "temperature", "invalid_value");
  return {
    task,
    model: name,
    filename: file.filename,
    seconds: fileDuration(file.bytes),
    format,
    // whisper models ignore `stream`, as OpenAI documents.
    stream: one("stream") === "true" && name.startsWith("gpt-4o"),
    prompt: one("prompt") ?? "",
    language: one("language"),
    granularities,
    form,
  };
}
