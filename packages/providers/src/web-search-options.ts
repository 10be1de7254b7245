// OpenAI's chat `web_search_options` ({search_context_size?, user_location?}), checked once for
// the adapters that translate it into their provider's own search (Anthropic, Gemini).
// https://platform.openai.com/docs/api-reference/chat/create#chat-create-web_search_options
type Json = Record<string, unknown>;

export interface ApproximateLocation {
  city?: string;
  country?: string;
  region?: string;
  timezone?: string;
}

export interface WebSearchOptions {
  contextSize?: "low" | "medium" | "high";
  location?: ApproximateLocation;
}

export type ParsedWebSearchOptions = { ok: true; options: WebSearchOptions | undefined } | { ok: false; param: string; message: string };

const CONTEXT_SIZES = new Set(["low", "medium", "high"]);
const LOCATION_FIELDS = ["city", "country", "region", "timezone"] as const;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const bad = (param: string, message: string): ParsedWebSearchOptions => ({ ok: false, param, message });

/** undefined options: the request did not ask for search. */
export function parseWebSearchOptions(value: unknown): ParsedWebSearchOptions {
  if (value === undefined || value === null) return { ok: true, options: undefined };
  if (!isObject(value)) return bad("web_search_options", "web_search_options must be an object.");
  for (const key of Object.keys(value)) {
    if (key !== "search_context_size" && key !== "user_location") return bad(`web_search_options.${key}`, `web_search_options.${key} is not an OpenAI web search option.`);
  }
  const options: WebSearchOptions = {};
  const size = value.search_context_size;
  if (size !== undefined && size !== null) {
    if (!CONTEXT_SIZES.has(size as string)) return bad("web_search_options.search_context_size", "web_search_options.search_context_size must be low, medium or high.");
    options.contextSize = size as WebSearchOptions["contextSize"];
  }
  const location = value.user_location;
  if (location !== undefined && location !== null) {
    const param = "web_search_options.user_location";
    if (!isObject(location) || location.type !== "approximate" || !isObject(location.approximate)) {
      return bad(param, `${param} must be {"type": "approximate", "approximate": {city, country, region, timezone}}.`);
    }
    const out: ApproximateLocation = {};
    for (const field of LOCATION_FIELDS) {
      const v = location.approximate[field];
      if (v === undefined || v === null) continue;
      if (typeof v !== "string") return bad(`${param}.approximate.${field}`, `${param}.approximate.${field} must be a string.`);
      out[field] = v;
    }
    options.location = out;
  }
  return { ok: true, options };
}
