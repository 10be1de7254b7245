// reasoning_effort → generationConfig.thinkingConfig, with thought summaries requested so that
// they come back as `reasoning_content`. Budgets stay inside each 2.5 model's documented range
// (Pro 128–32768; Flash 0–24576; Flash-Lite 0 or 512–24576); levels per
// https://ai.google.dev/gemini-api/docs/thinking.
import { SwitchyardError } from "@switchyard/core";
import type { GeminiFamily } from "./model-family.ts";
import type { GeminiThinkingConfig } from "./wire.ts";

export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

const BUDGET: Record<ReasoningEffort, number> = { minimal: 0, low: 1024, medium: 8192, high: 24_576 };
const PRO_BUDGET: Record<ReasoningEffort, number> = { minimal: 128, low: 1024, medium: 8192, high: 32_768 };
const LEVEL: Record<ReasoningEffort, GeminiThinkingConfig["thinkingLevel"]> = { minimal: "MINIMAL", low: "LOW", medium: "MEDIUM", high: "HIGH" };

export function thinkingConfig(effort: ReasoningEffort, family: GeminiFamily, model: string): GeminiThinkingConfig {
  if (family.thinking === "none") {
    throw new SwitchyardError("unsupported_parameter", `${model} does not think: remove reasoning_effort.`, { param: "reasoning_effort" });
  }
  if (family.thinking === "level") {
    const level = family.pro && effort === "minimal" ? "LOW" : LEVEL[effort];
    return { thinkingLevel: level, includeThoughts: true };
  }
  const budget = (family.pro ? PRO_BUDGET : BUDGET)[effort];
  return budget === 0 ? { thinkingBudget: 0 } : { thinkingBudget: budget, includeThoughts: true };
}
