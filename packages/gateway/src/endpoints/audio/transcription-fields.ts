// The form fields of POST /v1/audio/transcriptions and /v1/audio/translations (openai-node's
// TranscriptionCreateParams / TranslationCreateParams): file and model required; response_format,
// temperature 0–1, stream, language, prompt and timestamp_granularities[] checked when present;
// byok_conf as a JSON text field. Every other field passes through to the upstream unchanged.
import { SwitchyardError } from "@switchyard/core";
import type { UploadFile } from "@switchyard/providers";
import { invalidParameter } from "../../invalid-param.ts";
import type { ByokConf } from "../../chat/schema.ts";
import { byokConfSchema } from "../../chat/schema.ts";

export const TRANSCRIPTION_FORMATS = ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"] as const;

export interface TranscriptionForm {
  model: string;
  responseFormat: string;
  stream: boolean;
  prompt: string;
  byokConf: ByokConf | undefined;
  /** What the upstream gets (byok_conf removed; the model is set per attempt). */
  fields: Array<[string, string]>;
  file: UploadFile;
}


export function readTranscriptionForm(fields: ReadonlyArray<[string, string]>, file: UploadFile | undefined): TranscriptionForm {
  const values = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v);
  const one = (name: string): string | undefined => {
    const found = values(name);
    if (found.length > 1) throw invalidParameter(name, "given more than once");
    return found[0];
  };
  if (!file) throw new SwitchyardError("invalid_request", "Missing required parameter: 'file'.", { param: "file" });
  const model = one("model");
  if (!model) throw new SwitchyardError("invalid_request", "Missing required parameter: 'model'.", { param: "model" });
  if (model.length > 256) throw invalidParameter("model", "too long");
  const responseFormat = one("response_format") ?? "json";
  if (!(TRANSCRIPTION_FORMATS as readonly string[]).includes(responseFormat)) throw invalidParameter("response_format", `expected one of ${TRANSCRIPTION_FORMATS.join(", ")}`);
  const temperature = one("temperature");
  if (temperature !== undefined && !(temperature.trim() !== "" && Number(temperature) >= 0 && Number(temperature) <= 1)) throw invalidParameter("temperature", "expected a number between 0 and 1");
  const stream = one("stream");
  if (stream !== undefined && stream !== "true" && stream !== "false") throw invalidParameter("stream", "expected true or false");
  const language = one("language");
  if (language !== undefined && !/^[A-Za-z-]{2,16}$/.test(language)) throw invalidParameter("language", "expected an ISO-639-1 code such as en");
  for (const name of ["timestamp_granularities[]", "timestamp_granularities"]) {
    if (values(name).some((g) => g !== "word" && g !== "segment")) throw invalidParameter("timestamp_granularities", "expected word or segment");
  }
  let byokConf: ByokConf | undefined;
  const conf = one("byok_conf");
  if (conf !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(conf);
    } catch {
      throw invalidParameter("byok_conf", "is invalid");
    }
    const parsed = byokConfSchema.safeParse(raw);
    if (!parsed.success) throw invalidParameter("byok_conf", "is invalid");
    byokConf = parsed.data;
  }
  return { model, responseFormat, stream: stream === "true", prompt: one("prompt") ?? "", byokConf, fields: fields.filter(([name]) => name !== "byok_conf"), file };
}
