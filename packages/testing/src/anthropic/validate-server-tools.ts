// The web search server tool in a Messages request, validated as the API does
// (https://platform.claude.com/docs/en/agents-and-tools/tool-use/web-search-tool): its type
// and name, max_uses, domain filters (not both) and an approximate user_location.
import type { Json } from "./validate-blocks.ts";

export const WEB_SEARCH_TOOL_TYPES = new Set(["web_search_20250305", "web_search_20260209"]);

const FIELDS = new Set(["type", "name", "max_uses", "allowed_domains", "blocked_domains", "user_location", "cache_control", "allowed_callers", "defer_loading", "strict"]);
const LOCATION_FIELDS = new Set(["type", "city", "region", "country", "timezone"]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface WebSearchToolSpec {
  maxUses: number | undefined;
}

/** A tool that has a `type` other than "custom": the web search tool, or a 400 message. */
export function validateServerTool(tool: Json, i: number): WebSearchToolSpec | string {
  const at = `tools.${i}`;
  if (!WEB_SEARCH_TOOL_TYPES.has(String(tool.type))) return `${at}: Input tag '${String(tool.type)}' found using 'type' does not match any of the expected tags`;
  for (const key of Object.keys(tool)) if (!FIELDS.has(key)) return `${at}.${key}: Extra inputs are not permitted`;
  if (tool.name !== "web_search") return `${at}.name: Input should be 'web_search'`;
  const maxUses = tool.max_uses;
  if (maxUses !== undefined && maxUses !== null && (!Number.isInteger(maxUses) || (maxUses as number) < 1)) return `${at}.max_uses: Input should be greater than 0`;
  for (const field of ["allowed_domains", "blocked_domains"] as const) {
    const list = tool[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.some((d) => typeof d !== "string" || /^https?:\/\//i.test(d))) return `${at}.${field}: must be a list of domains without a scheme`;
  }
  if (tool.allowed_domains != null && tool.blocked_domains != null) return `${at}: Cannot specify both allowed_domains and blocked_domains`;
  const location = tool.user_location;
  if (location !== undefined && location !== null) {
    if (!isObject(location) || location.type !== "approximate") return `${at}.user_location.type: Input should be 'approximate'`;
    for (const [key, value] of Object.entries(location)) {
      if (!LOCATION_FIELDS.has(key)) return `${at}.user_location.${key}: Extra inputs are not permitted`;
      if (key !== "type" && value !== null && typeof value !== "string") return `${at}.user_location.${key}: Input should be a valid string`;
    }
  }
  return { maxUses: typeof maxUses === "number" ? maxUses : undefined };
}
