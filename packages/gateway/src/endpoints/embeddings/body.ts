// The body of POST /v1/embeddings: OpenAI's parameters (model, input, dimensions,
// encoding_format, user), Switchyard's input_type (Cohere's input_type, Gemini's taskType) and
// byok_conf. Other parameters pass through to OpenAI-compatible upstreams.
import { SwitchyardError } from "@switchyard/core";
import type { EmbeddingInput } from "@switchyard/providers";
import { byokConfSchema, type ByokConf } from "../../chat/schema.ts";
import { checkAnswerSize, readEmbeddingInputs } from "./input.ts";

export interface EmbeddingsBody {
  model: string;
  inputs: EmbeddingInput[];
  /** What the client asked for (OpenAI's default: float). */
  encoding: "float" | "base64";
  dimensions?: number;
  user?: string;
  inputType?: string;
  byokConf?: ByokConf;
  /** Parameters Switchyard does not know, for OpenAI-compatible upstreams (input_type included). */
  passthrough: Record<string, unknown>;
}

const KNOWN = new Set(["model", "input", "encoding_format", "dimensions", "user", "byok_conf"]);
const invalid = (param: string, message: string) => new SwitchyardError("invalid_request", message, { param });

export function readEmbeddingsBody(body: unknown): EmbeddingsBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
  const o = body as Record<string, unknown>;
  if (o.model === undefined) throw invalid("model", "Missing required parameter: model.");
  if (typeof o.model !== "string" || o.model.length === 0 || o.model.length > 256) throw invalid("model", "model must be a non-empty string (at most 256 characters).");
  const inputs = readEmbeddingInputs(o.input);
  const format = o.encoding_format ?? "float";
  if (format !== "float" && format !== "base64") throw invalid("encoding_format", "encoding_format must be \"float\" or \"base64\".");
  const dimensions = o.dimensions ?? undefined;
  if (dimensions !== undefined && !(typeof dimensions === "number" && Number.isInteger(dimensions) && dimensions >= 1 && dimensions <= 65_536)) {
    throw invalid("dimensions", "dimensions must be a positive integer (at most 65536).");
  }
  checkAnswerSize(inputs.length, dimensions);
  if (o.user != null && typeof o.user !== "string") throw invalid("user", "user must be a string.");
  if (o.input_type != null && (typeof o.input_type !== "string" || o.input_type === "")) throw invalid("input_type", "input_type must be a non-empty string.");
  let byokConf: ByokConf | undefined;
  if (o.byok_conf !== undefined) {
    const parsed = byokConfSchema.safeParse(o.byok_conf);
    // Never echo credentials back: name the field only.
    if (!parsed.success) throw invalid("byok_conf", "Invalid parameter byok_conf: is invalid.");
    byokConf = parsed.data;
  }
  const passthrough: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(o)) if (!KNOWN.has(name) && value !== null) passthrough[name] = value;
  return {
    model: o.model,
    inputs,
    encoding: format,
    ...(dimensions !== undefined ? { dimensions } : {}),
    ...(typeof o.user === "string" ? { user: o.user } : {}),
    ...(typeof o.input_type === "string" ? { inputType: o.input_type } : {}),
    ...(byokConf ? { byokConf } : {}),
    passthrough,
  };
}
