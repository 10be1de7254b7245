// Gemini's FinishReason → OpenAI's finish_reason (enum in googleapis/js-genai src/types.ts).
// A reply that called functions finishes "tool_calls" (Gemini says STOP there).

const CONTENT_FILTER = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"]);

export function finishReason(reason: string, calledTools: boolean): string {
  if (reason === "MAX_TOKENS") return "length";
  if (CONTENT_FILTER.has(reason)) return "content_filter";
  return calledTools ? "tool_calls" : "stop";
}
