// A valid usage event for tests: a credits-paid gpt-4o-mini request costing `amount` USD.
import { newId } from "@switchyard/core";
import type { UsageEventJob } from "../usage-event.ts";

export function sampleUsageEvent(organizationId: string, amount = "0.0001234", overrides: Partial<UsageEventJob> = {}): UsageEventJob {
  return {
    requestId: newId("req"), organizationId, projectId: "prj_1", apiKeyId: "key_1", providerId: "openai", model: "gpt-4o-mini", upstreamModel: "gpt-4o-mini",
    endpoint: "chat.completions", keySource: "credits", promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false, priced: true,
    cost: { input: amount, cachedInput: "0", output: "0", reasoning: "0", request: "0", total: amount }, markup: "0", amountBilled: amount,
    latencyMs: 5, timeToFirstTokenMs: null, status: "success", httpStatus: 200, errorCode: null, attempts: 1, createdAt: new Date().toISOString(),
    ...overrides,
  };
}
