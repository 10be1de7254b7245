// What the chat web search tests (chat.web-engine, chat.web-search, chat.native-search) read from
// the gateway through the official OpenAI SDK: a client of the harness, the url_citation
// annotations (which the SDK's types leave out of messages and deltas), and `usage` with
// Switchyard's cost fields.
import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { Harness } from "./harness.ts";

export type Annotation = { type: "url_citation"; url_citation: { url: string; title: string; start_index: number; end_index: number } };

/** An answer's `usage`: tokens plus cost_usd_*, key_source, web_search… */
export type Usage = Record<string, unknown>;

/** An OpenAI SDK client of the harness's gateway (no retries), with headers sent on every request. */
export function sdkClient(h: Harness, apiKey: string, headers: Record<string, string> = {}): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0, defaultHeaders: headers });
}

/** A completion's url_citation annotations ([] when it has none). */
export function annotationsOf(completion: ChatCompletion): Annotation[] {
  return (completion.choices[0]!.message as unknown as { annotations?: Annotation[] }).annotations ?? [];
}

/** A completion's (or a chunk's) `usage` with Switchyard's fields. */
export function usageOf(answer: { usage?: unknown }): Usage {
  return answer.usage as Usage;
}

/** Between tests: no organization keys (nor their cached copies), no recorded upstream or search requests, no events. */
export async function resetWebSearchState(h: Harness): Promise<void> {
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  h.caches.searchKeys?.invalidate(h.orgId);
  h.caches.orgKeys.invalidate(h.orgId);
  h.mock.reset();
  h.searchMock!.requests.length = 0;
  h.events.length = 0;
}
