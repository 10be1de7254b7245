// reasoning_effort → Claude's thinking settings, and the max_tokens that leaves room for them.
//
// Claude 4.6 and later take adaptive thinking: `thinking: {type: "adaptive"}` with
// `output_config.effort` (manual budgets are deprecated on 4.6 and rejected from 4.7 / the 5
// family). Earlier models take `thinking: {type: "enabled", budget_tokens}` with a budget of at
// least 1024 that must stay below max_tokens, which counts the thinking too
// (https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking, …/extended-thinking).
// The family is read from the model id's version (claude-sonnet-4-6, claude-3-7-sonnet-…);
// an id without one is treated as pre-adaptive.
import { Unsupported } from "./json.ts";

/** max_tokens when the client names none (Anthropic requires it): enough for most answers. */
export const DEFAULT_MAX_TOKENS = 4096;
/** max_tokens for adaptive thinking when the client names none: thinking counts against it. */
export const ADAPTIVE_DEFAULT_MAX_TOKENS = 16_384;

const BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 16_384 } as const;
const EFFORTS = { minimal: "low", low: "low", medium: "medium", high: "high" } as const;
type Effort = keyof typeof BUDGETS;
const isEffort = (value: string): value is Effort => Object.hasOwn(BUDGETS, value);

export interface ThinkingPlan {
  maxTokens: number;
  thinking?: Record<string, unknown>;
  effort?: string;
}

/** `limit` is the client's max_completion_tokens / max_tokens, `limitParam` its name. */
export function planThinking(model: string, effort: string | undefined, limit: number | undefined, limitParam: string): ThinkingPlan {
  if (effort === undefined || effort === "none") return { maxTokens: limit ?? DEFAULT_MAX_TOKENS };
  if (!isEffort(effort)) throw new Unsupported("reasoning_effort", "reasoning_effort must be none, minimal, low, medium or high for Claude.");
  if (adaptive(model)) {
    // "summarized" returns the thinking text: from Opus 4.7 on the default is "omitted" (empty text).
    return { maxTokens: limit ?? ADAPTIVE_DEFAULT_MAX_TOKENS, thinking: { type: "adaptive", display: "summarized" }, effort: EFFORTS[effort] };
  }
  const wanted = BUDGETS[effort];
  if (limit === undefined) return { maxTokens: wanted + DEFAULT_MAX_TOKENS, thinking: { type: "enabled", budget_tokens: wanted } };
  if (limit <= BUDGETS.minimal) {
    throw new Unsupported(limitParam, `With reasoning_effort, ${limitParam} must exceed ${BUDGETS.minimal}: Claude's thinking budget is at least ${BUDGETS.minimal} tokens and counts against it.`);
  }
  return { maxTokens: limit, thinking: { type: "enabled", budget_tokens: Math.min(wanted, limit - 1) } };
}

/** Claude 4.6 or later (adaptive thinking), from the model id's version numbers. */
export function adaptive(model: string): boolean {
  const numbers: number[] = [];
  for (const token of model.replace(/^.*claude-/, "").split("-")) {
    if (/^\d{1,2}$/.test(token)) numbers.push(Number(token));
    else if (numbers.length > 0) break;
  }
  const [major = 0, minor = 0] = numbers;
  return major > 4 || (major === 4 && minor >= 6);
}
