// Deterministic search hits derived from the query: the same query and count always give the
// same titles, URLs, snippets and scores. Hosts rotate over three domains (for domain filters)
// and publication dates over fixed ages before now (for recency filters).
const HOSTS = ["docs.example.com", "news.example.org", "blog.example.net"];
const AGES_IN_DAYS = [0, 2, 5, 12, 20, 45, 100, 200, 400, 800];
const DAY_MS = 86_400_000;
const MAX_HITS = 100;

export interface MockHit {
  title: string;
  url: string;
  snippet: string;
  published: Date;
  score: number;
}

export function mockHits(query: string, count: number): MockHit[] {
  const slug = query.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "query";
  const total = Math.max(0, Math.min(Math.trunc(count) || 0, MAX_HITS));
  return Array.from({ length: total }, (_, i) => ({
    title: `${query} — result ${i + 1}`,
    url: `https://${HOSTS[i % HOSTS.length]}/${slug}/${i + 1}`,
    snippet: `Result ${i + 1} of ${total} about ${query}.`,
    published: new Date(Date.now() - AGES_IN_DAYS[i % AGES_IN_DAYS.length]! * DAY_MS),
    score: Number((0.99 - i * 0.04).toFixed(2)),
  }));
}

/** YYYY-MM-DD, the date format of Perplexity's results. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
