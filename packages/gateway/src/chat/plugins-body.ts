// What the upstream receives when the request asked for plugins: never `web_search` or
// `plugins`, the model without its `:online` suffix, and for engine "native" OpenAI's own
// `web_search_options` ({} unless the client sent its own), which the provider adapters turn into
// their native search. Engine "switchyard" replaces the messages (the results message added).
import { SwitchyardError } from "@switchyard/core";
import { hasNativeWebSearch } from "./native-search.ts";
import type { ChatPlugins } from "./plugins.ts";
import type { Candidate } from "./resolve-model.ts";
import type { ChatRequest } from "./schema.ts";

export function pluginBody(body: ChatRequest, plugins: ChatPlugins, messages: ChatRequest["messages"] | undefined): ChatRequest {
  const { web_search: _flag, plugins: _list, ...rest } = body;
  const out: ChatRequest = { ...rest, model: plugins.model, messages: messages ?? body.messages };
  if (plugins.web?.engine === "native") out.web_search_options = body.web_search_options ?? {};
  return out;
}

/** Engine "native": only the candidates whose provider searches for this model; none is a 400. */
export function nativeSearchCandidates(candidates: Candidate[], model: string, param: string): Candidate[] {
  const native = candidates.filter(hasNativeWebSearch);
  if (native.length > 0) return native;
  const direct = param === "web_search_options";
  throw new SwitchyardError(
    "invalid_request",
    `The model \`${model}\` has no native web search here (${direct ? "web_search_options" : 'engine "native"'}). Use the web plugin with engine "switchyard" (or without an engine, or \`web_search: true\`: then Switchyard searches for models without a native search), which searches with the project's web-search key and works with every model.`,
    { param: direct ? param : `${param}.engine` },
  );
}
