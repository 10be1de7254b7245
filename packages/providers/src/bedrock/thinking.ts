// reasoning_effort → Claude's thinking on Bedrock, sent in additionalModelRequestFields (Converse
// passes model-native fields through). Claude 4.6 and later take adaptive thinking,
// `thinking: {type: "adaptive"}` with `output_config.effort` (manual budgets are deprecated there
// and rejected from Opus 4.7 on); earlier models take `thinking: {type: "enabled", budget_tokens}`,
// a budget of at least 1024 that stays below maxTokens, which counts the thinking too
// (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html,
//  https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
// Other Bedrock models: a 400 naming reasoning_effort.
import { InvalidParam } from "./invalid.ts";

/** The same budgets and efforts as the Anthropic adapter, so a model answers alike on both. */
export const THINKING_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 16_384 } as const;
const EFFORT = { minimal: "low", low: "low", medium: "medium", high: "high" } as const;
export type ReasoningEffort = keyof typeof THINKING_BUDGET;
/** Room for the answer after the thinking budget when the client set no max_tokens. */
const ANSWER_TOKENS = 4096;

/** Fields for additionalModelRequestFields; may set inference.maxTokens. */
export function thinkingFields(effort: ReasoningEffort, modelId: string, inference: { maxTokens?: number }): Record<string, unknown> {
  if (!modelId.includes("anthropic.claude")) {
    throw new InvalidParam("reasoning_effort", "reasoning_effort is supported on Bedrock for Anthropic Claude models only.");
  }
  if (adaptive(modelId)) return { thinking: { type: "adaptive" }, output_config: { effort: EFFORT[effort] } };
  const wanted = THINKING_BUDGET[effort];
  inference.maxTokens ??= wanted + ANSWER_TOKENS;
  if (inference.maxTokens <= THINKING_BUDGET.minimal) {
    throw new InvalidParam("reasoning_effort", `With reasoning_effort, max_tokens must exceed ${THINKING_BUDGET.minimal}: Claude's thinking budget is at least that and counts against it.`);
  }
  return { thinking: { type: "enabled", budget_tokens: Math.min(wanted, inference.maxTokens - 1) } };
}

/** Claude 4.6 or later, from the version in ids like `us.anthropic.claude-sonnet-4-6` or `anthropic.claude-3-7-sonnet-20250219-v1:0`. */
export function adaptive(modelId: string): boolean {
  const numbers: number[] = [];
  for (const token of modelId.replace(/^.*claude-/, "").split(/[-:]/)) {
    if (/^\d{1,2}$/.test(token)) numbers.push(Number(token));
    else if (numbers.length > 0) break;
  }
  const [major = 0, minor = 0] = numbers;
  return major > 4 || (major === 4 && minor >= 6);
}
