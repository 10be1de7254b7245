// A recency window as a start instant, for providers that take a date instead of a window
// (same lengths as Perplexity's and Tavily's windows: 1, 7, 30 and 365 days).
import type { Recency } from "./types.ts";

const DAYS: Record<Recency, number> = { day: 1, week: 7, month: 30, year: 365 };

export function recencyStart(recency: Recency): Date {
  return new Date(Date.now() - DAYS[recency] * 86_400_000);
}
