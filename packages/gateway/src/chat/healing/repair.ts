// Heals one answer: valid JSON that passes the check is `valid` (untouched); JSON that parses but
// fails the check is `failed` (a schema violation is not repaired by guessing); anything else is
// repaired with jsonrepair (code fences, trailing commas, single quotes, unquoted keys, Python
// constants, truncated objects and arrays) and must then pass the check to be `repaired`. The
// repaired content is the value serialised compactly (JSON.stringify).
//
// Prose around the JSON is handled by also trying the text from its first "{" and from its first
// "[" (earliest first; prose may hold brackets, e.g. a Markdown link) to the end (leading prose,
// truncation) and to the last matching "}" or "]" (trailing prose): the first of those (then the
// whole text) that repairs into a value passing the check wins.
import { jsonrepair } from "jsonrepair";
import type { JsonCheck } from "./schema.ts";

export type HealStatus = "valid" | "repaired" | "failed";

export interface HealResult {
  status: HealStatus;
  /** `repaired`: the new content. */
  content?: string;
  /** `failed`: why (parse or schema errors). */
  errors: string[];
}

export function healJson(text: string, check: JsonCheck): HealResult {
  const parsed = parse(text);
  if (parsed.ok) {
    const errors = check(parsed.value);
    return errors.length === 0 ? { status: "valid", errors } : { status: "failed", errors };
  }
  let firstErrors: string[] | undefined;
  for (const candidate of candidates(text)) {
    let repaired: string;
    try {
      repaired = jsonrepair(candidate);
    } catch {
      continue;
    }
    const value = parse(repaired);
    if (!value.ok) continue;
    const errors = check(value.value);
    if (errors.length === 0) return { status: "repaired", content: JSON.stringify(value.value), errors: [] };
    firstErrors ??= errors.map((e) => `after repair: ${e}`);
  }
  return { status: "failed", errors: firstErrors ?? [`not valid JSON (${parsed.error}) and not repairable`] };
}

function parse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function candidates(text: string): string[] {
  const list: string[] = [];
  const openings = [text.indexOf("{"), text.indexOf("[")].filter((at) => at !== -1).sort((a, b) => a - b);
  for (const open of openings) {
    list.push(text.slice(open));
    const close = text.lastIndexOf(text[open] === "{" ? "}" : "]");
    if (close > open) list.push(text.slice(open, close + 1));
  }
  list.push(text);
  return [...new Set(list.map((c) => c.trim()).filter((c) => c !== ""))];
}
