// The body of POST /api/web (/v1/web): validated by hand so that every 400 names the field
// (`param`) and says what it expects. Unknown fields are refused rather than ignored, so a
// misspelt option never silently changes what a search costs or returns.
import { SwitchyardError } from "@switchyard/core";
import { searchProviderIds } from "@switchyard/catalog";
import { exaModes, type ExaMode, type Recency, type SearchProviderId } from "@switchyard/websearch";
import { invalidParameter } from "../invalid-param.ts";

export const MAX_QUERY_CHARS = 2000;
export const MAX_RESULTS = 20;
export const DEFAULT_RESULTS = 5;
/** Every provider takes at least this many domains (Perplexity's filter: 20). */
export const MAX_DOMAINS = 20;

export interface WebSearchBody {
  query: string;
  /** Undefined: the first provider the project has a usable key for. */
  provider: SearchProviderId | undefined;
  maxResults: number;
  depth: "basic" | "advanced";
  includeDomains: string[];
  excludeDomains: string[];
  recency: Recency | undefined;
  /** Exa's search type, used when the search goes to Exa (ignored by a failover to another provider). */
  exaMode: ExaMode | undefined;
}

const FIELDS = new Set(["query", "provider", "max_results", "depth", "include_domains", "exclude_domains", "recency", "exa_mode"]);
const DEPTHS = ["basic", "advanced"] as const;
const RECENCIES = ["day", "week", "month", "year"] as const;
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);


function oneOf<T extends string>(value: unknown, param: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidParameter(param, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
}

function domains(value: unknown, param: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(param, "must be an array of hostnames such as \"example.com\"");
  if (value.length > MAX_DOMAINS) throw invalidParameter(param, `must list at most ${MAX_DOMAINS} hostnames`);
  return value.map((item: unknown, i) => {
    const host = typeof item === "string" ? item.trim().toLowerCase().replace(/\.$/, "") : "";
    if (!HOSTNAME.test(host)) throw invalidParameter(`${param}[${i}]`, "must be a hostname such as \"example.com\" (no scheme, path or port)");
    return host;
  });
}

export function parseWebSearchBody(body: unknown): WebSearchBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!FIELDS.has(name)) throw new SwitchyardError("unsupported_parameter", `Unknown parameter ${name}: expected ${[...FIELDS].join(", ")}.`, { param: name });
  }

  const { query } = fields;
  if (typeof query !== "string" || query.trim() === "") throw invalidParameter("query", "a non-empty string is required");
  if (query.length > MAX_QUERY_CHARS) throw invalidParameter("query", `must be at most ${MAX_QUERY_CHARS} characters`);

  const provider = fields.provider;
  if (provider !== undefined && provider !== null && (typeof provider !== "string" || !(searchProviderIds as readonly string[]).includes(provider))) {
    throw new SwitchyardError("unknown_provider", `Invalid parameter provider: must be one of ${searchProviderIds.join(", ")}.`, { param: "provider" });
  }

  const max = fields.max_results ?? DEFAULT_RESULTS;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    throw invalidParameter("max_results", `must be an integer from 1 to ${MAX_RESULTS}`);
  }

  const exaMode = oneOf(fields.exa_mode, "exa_mode", exaModes);
  if (exaMode !== undefined && provider !== undefined && provider !== null && provider !== "exa") {
    throw invalidParameter("exa_mode", `applies to provider "exa" only, not "${provider as string}": leave it out, or name provider "exa" (or none)`);
  }

  return {
    query: query.trim(),
    provider: (provider ?? undefined) as SearchProviderId | undefined,
    maxResults: max,
    depth: oneOf(fields.depth, "depth", DEPTHS) ?? "basic",
    includeDomains: domains(fields.include_domains, "include_domains"),
    excludeDomains: domains(fields.exclude_domains, "exclude_domains"),
    recency: oneOf(fields.recency, "recency", RECENCIES),
    exaMode,
  };
}
