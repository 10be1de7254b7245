// A chat completions body → a Responses API body (POST /responses, ResponseCreateParams).
// Mapped: messages → input, tools, tool_choice, parallel_tool_calls, response_format →
// text.format, verbosity → text.verbosity, max_(completion_)tokens → max_output_tokens,
// reasoning_effort → reasoning {effort, summary: "auto"}, temperature, top_p, user, metadata.
// Dropped where safe: seed, penalties, stream_options, n = 1, logprobs false. Refused (400
// naming the parameter) where the answer would silently differ: n > 1, stop, logit_bias,
// logprobs, audio output, predicted outputs, legacy functions. Anything else passes through
// for the upstream to judge (e.g. Responses-only `include`, `truncation`, `prompt_cache_key`).
// The translation is stateless: `store: false` unless the client sets `store`.
import type { UpstreamFailure } from "../types.ts";
import { InputError, toInput } from "./input.ts";
import { toTextFormat, toToolChoice, toTools } from "./tools.ts";

type Json = Record<string, unknown>;

/** The Responses API rejects max_output_tokens below 16 ("integer_below_min_value"). */
const MIN_OUTPUT_TOKENS = 16;

const DROPPED = ["seed", "frequency_penalty", "presence_penalty", "stream_options", "top_logprobs", "modalities"];
const CONSUMED = ["model", "messages", "stream", "tools", "tool_choice", "response_format", "verbosity", "reasoning_effort", "max_tokens", "max_completion_tokens", "n", "logprobs", "stop", "logit_bias"];
const REFUSED: Record<string, string> = {
  audio: "Audio output is not available through the Responses API.",
  prediction: "Predicted outputs are not available through the Responses API.",
  functions: "Legacy `functions` are not supported; use `tools`.",
  function_call: "Legacy `function_call` is not supported; use `tool_choice`.",
  web_search_options: "web_search_options is not available through this provider.",
};

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return value !== "";
}

function refusals(body: Json): void {
  for (const [param, message] of Object.entries(REFUSED)) if (present(body[param])) throw new InputError(param, message);
  if (typeof body.n === "number" && body.n > 1) throw new InputError("n", "The Responses API returns one choice: n must be 1.");
  if (present(body.stop)) throw new InputError("stop", "Stop sequences are not supported by the Responses API.");
  if (present(body.logit_bias)) throw new InputError("logit_bias", "logit_bias is not supported by the Responses API.");
  if (body.logprobs === true) throw new InputError("logprobs", "Log probabilities are not returned through the Responses API.");
  if (present(body.modalities) && !(Array.isArray(body.modalities) && body.modalities.every((m) => m === "text"))) {
    throw new InputError("modalities", "Only text output is available through the Responses API.");
  }
}

function maxOutputTokens(body: Json): number | undefined {
  const param = typeof body.max_completion_tokens === "number" ? "max_completion_tokens" : typeof body.max_tokens === "number" ? "max_tokens" : undefined;
  if (!param) return undefined;
  const value = body[param] as number;
  if (value < MIN_OUTPUT_TOKENS) throw new InputError(param, `The Responses API needs ${param} of at least ${MIN_OUTPUT_TOKENS}.`);
  return value;
}

function build(body: Json, model: string, stream: boolean): Json {
  refusals(body);
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) if (!CONSUMED.includes(key) && !DROPPED.includes(key) && value !== undefined) out[key] = value;
  out.model = model;
  out.input = toInput(Array.isArray(body.messages) ? body.messages : []);
  out.store ??= false;
  if (stream) out.stream = true;
  const limit = maxOutputTokens(body);
  if (limit !== undefined) out.max_output_tokens = limit;
  if (body.tools !== undefined) out.tools = toTools(body.tools);
  if (body.tool_choice !== undefined) out.tool_choice = toToolChoice(body.tool_choice);
  const text: Json = {};
  if (body.response_format !== undefined) text.format = toTextFormat(body.response_format);
  if (typeof body.verbosity === "string") text.verbosity = body.verbosity;
  if (Object.keys(text).length > 0) out.text = text;
  if (typeof body.reasoning_effort === "string") out.reasoning = { effort: body.reasoning_effort, summary: "auto" };
  return out;
}

/** The upstream body, or a 400 naming the chat parameter the Responses API cannot honour. */
export function responsesBody(body: Json, model: string, stream: boolean): { ok: true; body: string } | UpstreamFailure {
  try {
    return { ok: true, body: JSON.stringify(build(body, model, stream)) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, kind: "client", status: 400, message: error.message, code: "unsupported_parameter", param: error.param, retryAfter: null };
  }
}
