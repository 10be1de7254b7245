// The non-streaming `chat.completion` object, in OpenAI's key order.
import type { ReplyPlan } from "./mock-reply.ts";

export const SYSTEM_FINGERPRINT = "fp_mock";

function message(plan: ReplyPlan, choice: number): Record<string, unknown> {
  const out: Record<string, unknown> = { role: "assistant", content: plan.content };
  if (plan.toolCalls.length > 0) {
    out.tool_calls = plan.toolCalls.map((call) => ({
      id: call.ids[choice],
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  out.refusal = null;
  out.annotations = plan.annotations;
  return out;
}

export function completionBody(plan: ReplyPlan): string {
  const choices = [];
  for (let index = 0; index < plan.n; index++) {
    choices.push({ index, message: message(plan, index), logprobs: null, finish_reason: plan.finishReason });
  }
  return JSON.stringify({
    id: plan.id,
    object: "chat.completion",
    created: plan.created,
    model: plan.model,
    choices,
    ...(plan.usage ? { usage: plan.usage } : {}),
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  });
}
