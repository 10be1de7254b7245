// ConverseStream events → OpenAI chat.completion.chunk payloads, one or none per event, as they
// arrive: messageStart → the role chunk; contentBlockStart (toolUse) → a tool call's id and name
// at a stable index; contentBlockDelta → content, tool-call argument or reasoning_content
// pieces; messageStop → the finish reason; metadata (usage, metrics, last) → the usage chunk.
// An exception event mid-stream, or a stream that ends before messageStop, is an interruption.
import { StreamInterruptedError } from "../sse.ts";
import type { StreamEvent } from "./events.ts";
import { JSON_TOOL } from "./tools.ts";
import { finishReason, openAIUsage, type TokenUsage } from "./usage.ts";

interface Delta {
  text?: string;
  toolUse?: { input?: string };
  reasoningContent?: { text?: string };
}

export async function* completionChunks(events: AsyncIterable<StreamEvent>, ctx: { id: string; model: string; created: number; jsonTool: boolean }): AsyncGenerator<string> {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({ id: ctx.id, object: "chat.completion.chunk", created: ctx.created, model: ctx.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  /** contentBlockIndex → OpenAI tool call index (tool calls numbered from 0 in order of arrival). */
  const toolIndex = new Map<number, number>();
  let jsonBlock: number | undefined;
  let stopped = false;
  try {
    for await (const event of events) {
      if (event.kind !== "event") throw new StreamInterruptedError(`Bedrock sent ${event.type} mid-stream: ${String(event.payload.message ?? "")}`);
      const p = event.payload;
      const block = p.contentBlockIndex as number;
      switch (event.type) {
        case "messageStart":
          yield chunk({ role: "assistant", content: "" });
          break;
        case "contentBlockStart": {
          const tool = (p.start as { toolUse?: { toolUseId: string; name: string } } | undefined)?.toolUse;
          if (!tool) break;
          if (ctx.jsonTool && tool.name === JSON_TOOL) {
            jsonBlock = block;
            break;
          }
          toolIndex.set(block, toolIndex.size);
          yield chunk({ tool_calls: [{ index: toolIndex.get(block), id: tool.toolUseId, type: "function", function: { name: tool.name, arguments: "" } }] });
          break;
        }
        case "contentBlockDelta": {
          const delta = p.delta as Delta;
          if (typeof delta.text === "string") yield chunk({ content: delta.text });
          else if (delta.reasoningContent?.text) yield chunk({ reasoning_content: delta.reasoningContent.text });
          else if (typeof delta.toolUse?.input === "string") {
            if (block === jsonBlock) yield chunk({ content: delta.toolUse.input });
            else if (toolIndex.has(block)) yield chunk({ tool_calls: [{ index: toolIndex.get(block), function: { arguments: delta.toolUse.input } }] });
          }
          break;
        }
        case "messageStop":
          stopped = true;
          yield chunk({}, finishReason(p.stopReason, ctx.jsonTool));
          break;
        case "metadata":
          if (p.usage) yield JSON.stringify({ id: ctx.id, object: "chat.completion.chunk", created: ctx.created, model: ctx.model, choices: [], usage: openAIUsage(p.usage as TokenUsage) });
          break;
      }
    }
  } catch (error) {
    if ((error as Error).name === "AbortError" || error instanceof StreamInterruptedError) throw error;
    throw new StreamInterruptedError("The Bedrock event stream broke.", { cause: error });
  }
  if (!stopped) throw new StreamInterruptedError("The Bedrock event stream ended before messageStop.");
}
