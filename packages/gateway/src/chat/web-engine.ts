// Which web search engine a request gets, once its model's candidates and attempts are known.
//
// No engine named (`web_search: true`, `{"id": "web"}` without `engine`, the `:online` suffix),
// OpenRouter's rule: the provider's native search where the model has one, Switchyard's own
// search otherwise. A request may fail over across several planned attempts (providers, keys),
// and the engine is chosen once, before the first is called: native when every planned attempt's
// offering searches natively (hasNativeWebSearch), so no target is ever asked for a search it
// cannot make; otherwise switchyard for all of them, one search made before the model is called
// whichever attempt answers (and no attempt is asked to search again).
//
// No request searches twice: a model that searches before every answer whatever it is asked
// (alwaysSearches: OpenAI's search models) never gets a Switchyard search on top. With no engine
// named, a plan that includes one settles native (its attempts without a native search dropped);
// engine switchyard (named, a search provider named, or implied by max_results / search_prompt)
// keeps only the candidates that do not search on their own, and none left is a 400 naming that
// field, before any key is loaded, anything searched or anything sent upstream.
import { SwitchyardError } from "@switchyard/core";
import { alwaysSearches, hasNativeWebSearch } from "./native-search.ts";
import type { Attempt } from "./plan.ts";
import type { ChatPlugins, WebPlugin } from "./plugins.ts";
import type { Candidate } from "./resolve-model.ts";

export function settleWebEngine(plugins: ChatPlugins, plan: Attempt[]): { plugins: ChatPlugins; plan: Attempt[] } {
  const web = plugins.web;
  if (web?.engine !== "auto") return { plugins, plan };
  const native = plan.filter((attempt) => hasNativeWebSearch(attempt.candidate));
  const engine = native.length === plan.length || plan.some((attempt) => alwaysSearches(attempt.candidate)) ? "native" : "switchyard";
  return { plugins: { ...plugins, web: { ...web, engine } }, plan: engine === "native" ? native : plan };
}

/** Engine switchyard: only the candidates that do not search on their own; none is a 400 naming the field that asked for it. */
export function switchyardCandidates(candidates: Candidate[], model: string, web: WebPlugin): Candidate[] {
  const kept = candidates.filter((candidate) => !alwaysSearches(candidate));
  if (kept.length > 0) return kept;
  const field = web.switchyardParam ?? `${web.param}.engine`;
  const option = field.endsWith(".engine") ? "" : ` (${field.slice(field.lastIndexOf(".") + 1)} applies to Switchyard's search only)`;
  throw new SwitchyardError(
    "invalid_request",
    `The model \`${model}\` searches the web before every answer on its own, so a Switchyard search${option} would be a second search, billed twice. Use engine "native" or no engine (the model's own search), without max_results and search_prompt.`,
    { param: field },
  );
}
