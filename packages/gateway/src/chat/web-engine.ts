// The web search engine of a request that names none (`web_search: true`, `{"id": "web"}`
// without `engine`, the `:online` suffix), OpenRouter's rule: the provider's native search where
// the model has one, Switchyard's own search otherwise.
//
// A request may fail over across several planned attempts (providers, keys), and the engine is
// chosen once, before the first is called: native only when every planned attempt's offering
// searches natively (hasNativeWebSearch), so no target is ever asked for a search it cannot
// make; otherwise switchyard for all of them, one search made before the model is called
// whichever attempt answers (and no attempt is asked to search again).
import { hasNativeWebSearch } from "./native-search.ts";
import type { Attempt } from "./plan.ts";
import type { ChatPlugins } from "./plugins.ts";

export function settleWebEngine(plugins: ChatPlugins, plan: readonly Attempt[]): ChatPlugins {
  const web = plugins.web;
  if (web?.engine !== "auto") return plugins;
  const engine = plan.every((attempt) => hasNativeWebSearch(attempt.candidate)) ? "native" : "switchyard";
  return { ...plugins, web: { ...web, engine } };
}
