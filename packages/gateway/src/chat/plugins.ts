// The chat request's plugins: web search (`web_search: true`, `plugins: [{"id": "web", …}]` in
// OpenRouter's form, or the `:online` model suffix) and response healing (`plugins:
// ["response-healing"]`). Every bad value is a 400 naming its parameter.
//
// Web search engines:
// - "switchyard": Switchyard searches with the project's web-search key and adds the results to
//   the prompt.
// - "native": the provider's own search (OpenAI's web_search_options, Anthropic's web search
//   tool, Gemini's Google Search grounding); a model without one is a 400.
// - a search provider id ("tavily", "exa", "kagi", "perplexity"): engine "switchyard" with that
//   provider only (OpenRouter's `engine: "exa"`), no failover to the others.
// - none named: "auto", settled once the model's attempts are planned (web-engine.ts): native
//   where the model searches natively, else switchyard. `max_results` or `search_prompt` without
//   an engine mean "switchyard", the engine that honours them. A model that searches before every
//   answer (OpenAI's search models) never gets a Switchyard search on top: web-engine.ts.
import { searchProviderIds } from "@switchyard/catalog";
import type { SearchProviderId } from "@switchyard/websearch";
import { DEFAULT_RESULTS, MAX_RESULTS } from "../web/schema.ts";
import { invalidParameter } from "../invalid-param.ts";
import type { ChatRequest } from "./schema.ts";

export const ONLINE_SUFFIX = ":online";
export const WEB_PLUGIN = "web";
export const HEALING_PLUGIN = "response-healing";
const KNOWN = [WEB_PLUGIN, HEALING_PLUGIN] as const;
const WEB_FIELDS = ["id", "max_results", "search_prompt", "engine"] as const;
const MAX_PLUGINS = 8;
export const MAX_SEARCH_PROMPT_CHARS = 4000;

/** "auto": no engine named; run.ts settles it to one of the others before anything is sent. */
export type WebEngine = "switchyard" | "native" | "auto";

export interface WebPlugin {
  engine: WebEngine;
  /** Engine switchyard: 1..20 results (default 5). */
  maxResults: number;
  /** Replaces the instruction that heads the results in the system message (OpenRouter's meaning). */
  searchPrompt: string | undefined;
  /** Engine switchyard pinned to one search provider (engine: "<provider id>"). */
  provider: SearchProviderId | undefined;
  /** The parameter that asked for search ("plugins[0]", "web_search" or "model"), for errors. */
  param: string;
  /** The field that asked for engine switchyard ("plugins[0].engine", "….max_results" or "….search_prompt"), when one did; for errors. */
  switchyardParam: string | undefined;
}

export interface ChatPlugins {
  web: WebPlugin | undefined;
  healing: boolean;
  /** The model to resolve: the request's, without the `:online` suffix. */
  model: string;
}

/** Cheap test for the hot path: does the request ask for any plugin at all? */
export function asksForPlugins(body: ChatRequest): boolean {
  return body.web_search !== undefined || body.plugins !== undefined || body.web_search_options !== undefined || body.model.endsWith(ONLINE_SUFFIX);
}


interface WebOptions {
  maxResults?: number;
  searchPrompt?: string;
  engine?: string;
}

export function parsePlugins(body: ChatRequest): ChatPlugins {
  const online = body.model.endsWith(ONLINE_SUFFIX);
  const model = online ? body.model.slice(0, -ONLINE_SUFFIX.length) : body.model;
  if (model === "") throw invalidParameter("model", `name a model before the ${ONLINE_SUFFIX} suffix`);

  const flag = body.web_search ?? undefined;
  if (flag !== undefined && typeof flag !== "boolean") throw invalidParameter("web_search", "must be true or false");

  let web: WebOptions | undefined;
  let webParam = "";
  let healing = false;
  const list = body.plugins ?? undefined;
  if (list !== undefined) {
    if (!Array.isArray(list)) throw invalidParameter("plugins", `must be an array of plugins such as ["${HEALING_PLUGIN}"] or [{"id": "${WEB_PLUGIN}"}]`);
    if (list.length > MAX_PLUGINS) throw invalidParameter("plugins", `must list at most ${MAX_PLUGINS} plugins`);
    const seen = new Set<string>();
    list.forEach((item: unknown, i) => {
      const param = `plugins[${i}]`;
      const isObject = typeof item === "object" && item !== null && !Array.isArray(item);
      const id = typeof item === "string" ? item : isObject ? (item as Record<string, unknown>).id : undefined;
      const idParam = isObject ? `${param}.id` : param;
      if (typeof id !== "string") throw invalidParameter(idParam, `must be a plugin id (${KNOWN.map((k) => `"${k}"`).join(", ")}) or an object with one in \`id\``);
      if (!(KNOWN as readonly string[]).includes(id)) throw invalidParameter(idParam, `unknown plugin "${id}"; the known plugins are ${KNOWN.map((k) => `"${k}"`).join(", ")}`);
      if (seen.has(id)) throw invalidParameter(idParam, `plugin "${id}" is listed twice`);
      seen.add(id);
      const fields = isObject ? (item as Record<string, unknown>) : { id };
      if (id === HEALING_PLUGIN) {
        for (const name of Object.keys(fields)) if (name !== "id") throw invalidParameter(`${param}.${name}`, `the ${HEALING_PLUGIN} plugin takes no options`);
        healing = true;
      } else {
        web = webOptions(fields, param);
        webParam = param;
      }
    });
  }

  const webAsked = web !== undefined || online || flag === true;
  if (flag === false && webAsked) {
    throw invalidParameter("web_search", `is false, but ${web !== undefined ? `${webParam} asks` : `the model's ${ONLINE_SUFFIX} suffix asks`} for web search`);
  }
  const param = web !== undefined ? webParam : flag === true ? "web_search" : "model";
  const resolved = webAsked ? resolveWeb(web ?? {}, param) : undefined;
  // OpenAI's own `web_search_options` asks for the provider's native search: served exactly as
  // engine "native" (only offerings with a native search the catalog prices, else a 400), so no
  // provider ever searches unbilled. With web search asked without an engine, it settles "auto".
  if (body.web_search_options !== undefined && body.web_search_options !== null) {
    if (resolved?.engine === "switchyard") {
      throw invalidParameter("web_search_options", `asks for the provider's native search, but ${param} asks for engine "switchyard"${web?.engine === undefined ? " (max_results and search_prompt apply to it only)" : ""}; use one or the other`);
    }
    if (flag === false) throw invalidParameter("web_search", "is false, but web_search_options asks for the provider's native search");
    return { web: resolved?.engine === "native" ? resolved : resolveWeb({ engine: "native" }, "web_search_options"), healing, model };
  }
  return { web: resolved, healing, model };
}

function webOptions(fields: Record<string, unknown>, param: string): WebOptions {
  const options: WebOptions = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!(WEB_FIELDS as readonly string[]).includes(name)) throw invalidParameter(`${param}.${name}`, `the ${WEB_PLUGIN} plugin takes ${WEB_FIELDS.join(", ")}`);
    if (value === null || value === undefined || name === "id") continue;
    if (name === "max_results") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_RESULTS) throw invalidParameter(`${param}.max_results`, `must be an integer from 1 to ${MAX_RESULTS}`);
      options.maxResults = value;
    } else if (name === "search_prompt") {
      if (typeof value !== "string" || value.trim() === "") throw invalidParameter(`${param}.search_prompt`, "must be a non-empty string");
      if (value.length > MAX_SEARCH_PROMPT_CHARS) throw invalidParameter(`${param}.search_prompt`, `must be at most ${MAX_SEARCH_PROMPT_CHARS} characters`);
      options.searchPrompt = value;
    } else {
      if (typeof value !== "string") throw invalidParameter(`${param}.engine`, `must be one of ${engines()}`);
      options.engine = value;
    }
  }
  return options;
}

function engines(): string {
  return ["switchyard", "native", ...searchProviderIds].map((e) => `"${e}"`).join(", ");
}

function resolveWeb(options: WebOptions, param: string): WebPlugin {
  const asked = options.engine;
  const provider = asked !== undefined && (searchProviderIds as readonly string[]).includes(asked) ? (asked as SearchProviderId) : undefined;
  if (asked !== undefined && asked !== "switchyard" && asked !== "native" && provider === undefined) throw invalidParameter(`${param}.engine`, `must be one of ${engines()}`);
  const engine = asked ?? (options.maxResults !== undefined || options.searchPrompt !== undefined ? "switchyard" : "auto");
  const field = asked !== undefined ? "engine" : options.maxResults !== undefined ? "max_results" : "search_prompt";
  if (engine === "native" && options.maxResults !== undefined) throw invalidParameter(`${param}.max_results`, "applies to engine \"switchyard\" only: the provider's native search chooses its own results");
  if (engine === "native" && options.searchPrompt !== undefined) throw invalidParameter(`${param}.search_prompt`, "applies to engine \"switchyard\" only: native search adds no results message");
  return {
    engine: engine === "native" || engine === "auto" ? engine : "switchyard",
    maxResults: options.maxResults ?? DEFAULT_RESULTS,
    searchPrompt: options.searchPrompt,
    provider,
    param,
    switchyardParam: engine === "auto" || engine === "native" ? undefined : `${param}.${field}`,
  };
}
