// Reading untyped provider JSON without trusting it, and building normalized results.
import type { SearchProviderId, SearchResult } from "./types.ts";

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The objects of an array field (anything else reads as none). */
export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** One normalized result, or none when the provider gave no URL (for flatMap). */
export function searchResult(
  provider: SearchProviderId,
  raw: { title?: string | undefined; url?: string | undefined; snippet?: string | undefined; publishedDate?: string | undefined; score?: number | undefined },
): SearchResult[] {
  if (!raw.url) return [];
  return [{
    title: raw.title ?? raw.url,
    url: raw.url,
    snippet: raw.snippet ?? "",
    ...(raw.publishedDate ? { publishedDate: raw.publishedDate } : {}),
    ...(raw.score !== undefined ? { score: raw.score } : {}),
    provider,
  }];
}
