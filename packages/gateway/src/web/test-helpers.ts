// Shared by the web-search tests: one search through the gateway, and the key a mock request carried.
import type { RecordedSearchRequest } from "@switchyard/testing";
import type { SearchProviderId } from "@switchyard/websearch";
import type { Harness } from "../testing/harness.ts";

/** Catalog list prices of one basic search (search-prices.ts), USD: what credits pay, the base of the BYOK markup. */
export const BASIC_SEARCH_PRICE: Readonly<Record<SearchProviderId, string>> = { tavily: "0.008", exa: "0.007", kagi: "0.025", perplexity: "0.005" };

export interface SearchReply {
  status: number;
  headers: Headers;
  json: Record<string, unknown> & { error?: { message: string; type: string; code: string; param: string | null }; usage?: Record<string, unknown>; results?: Array<Record<string, unknown>> };
}

export async function search(h: Harness, apiKey: string, body: unknown, headers: Record<string, string> = {}, path = "/api/web"): Promise<SearchReply> {
  const res = await fetch(`${h.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as SearchReply["json"]) : {} };
}

/** The API key a recorded provider request carried, in that provider's auth header. */
export function keyOf(recorded: RecordedSearchRequest): string | undefined {
  const { authorization, "x-api-key": xApiKey } = recorded.headers;
  if (xApiKey) return xApiKey;
  return authorization?.replace(/^(Bearer|Bot)\s+/i, "");
}
