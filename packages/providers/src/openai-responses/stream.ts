// Responses stream events → chat.completion.chunk payloads, one event at a time (no buffering):
//   response.created                         → role chunk
//   response.output_text.delta / refusal.delta → content / refusal deltas
//   response.output_item.added (function_call) → tool call header (id = call_id, a stable index
//                                                per function call in output order)
//   response.function_call_arguments.delta   → argument fragments at that index
//   response.reasoning_summary_text.delta    → reasoning_content deltas
//   response.completed / response.incomplete → finish chunk, then a usage chunk (choices: [])
//   response.failed / error                  → ResponseStreamError
// Event names and fields: openai-node responses.ts ResponseStreamEvent.
import type { UpstreamFailure } from "../types.ts";
import { chatUsage, finishReason, responseFailure, SUMMARY_SEPARATOR } from "./response.ts";
import type { ResponseObject, StreamEvent } from "./types.ts";

export class ResponseStreamError extends Error {
  constructor(readonly failure: UpstreamFailure) {
    super(failure.message);
    this.name = "ResponseStreamError";
  }
}

export interface ChunkTranslator {
  /** The chunks for one event (often none). Throws ResponseStreamError on failure events. */
  next(event: StreamEvent): string[];
  /** A chunk with content, a tool call or reasoning was produced (beyond the role chunk). */
  readonly started: boolean;
  /** The terminal event arrived. */
  readonly done: boolean;
}

export function chunkTranslator(): ChunkTranslator {
  const head = { id: "", created: 0, model: "" };
  const toolIndex = new Map<number, number>();
  const argumentsStreamed = new Set<number>();
  let roleSent = false;
  let lastSummary: string | null = null;
  let started = false;
  let done = false;

  const adopt = (response: ResponseObject | undefined) => {
    if (!response) return;
    head.id = response.id ?? head.id;
    head.model = response.model ?? head.model;
    if (typeof response.created_at === "number") head.created = Math.floor(response.created_at);
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string => {
    const withRole = roleSent ? delta : { role: "assistant", ...delta };
    roleSent = true;
    return JSON.stringify({ id: head.id, object: "chat.completion.chunk", created: head.created, model: head.model, choices: [{ index: 0, delta: withRole, logprobs: null, finish_reason: finish }] });
  };
  const output = (delta: Record<string, unknown>): string[] => {
    started = true;
    return [chunk(delta)];
  };
  const toolCall = (outputIndex: number | undefined, fields: Record<string, unknown>): string[] => {
    const index = toolIndex.get(outputIndex ?? -1);
    return index === undefined ? [] : output({ tool_calls: [{ index, ...fields }] });
  };

  function finish(response: ResponseObject | undefined): string[] {
    done = true;
    adopt(response);
    const out = [chunk({}, finishReason(response ?? { status: "completed" }, toolIndex.size > 0))];
    if (response?.usage) out.push(JSON.stringify({ id: head.id, object: "chat.completion.chunk", created: head.created, model: head.model, choices: [], usage: chatUsage(response.usage) }));
    return out;
  }

  function next(event: StreamEvent): string[] {
    switch (event.type) {
      case "response.created":
        adopt(event.response);
        return roleSent ? [] : [chunk({ content: "" })];
      case "response.in_progress":
      case "response.queued":
        adopt(event.response);
        return [];
      case "response.output_text.delta":
        return event.delta ? output({ content: event.delta }) : [];
      case "response.refusal.delta":
        return event.delta ? output({ refusal: event.delta }) : [];
      case "response.reasoning_summary_text.delta": {
        if (!event.delta) return [];
        const key = `${event.item_id}:${event.summary_index}`;
        const text = lastSummary !== null && lastSummary !== key ? SUMMARY_SEPARATOR + event.delta : event.delta;
        lastSummary = key;
        return output({ reasoning_content: text });
      }
      case "response.output_item.added": {
        const item = event.item;
        if (item?.type !== "function_call" || !("call_id" in item) || event.output_index === undefined) return [];
        toolIndex.set(event.output_index, toolIndex.size);
        if (item.arguments) argumentsStreamed.add(event.output_index);
        return toolCall(event.output_index, { id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments ?? "" } });
      }
      case "response.function_call_arguments.delta":
        if (!event.delta) return [];
        argumentsStreamed.add(event.output_index ?? -1);
        return toolCall(event.output_index, { function: { arguments: event.delta } });
      case "response.output_item.done": {
        // Arguments that arrived only with the finished item (no deltas) are sent whole.
        const item = event.item;
        if (item?.type !== "function_call" || !("arguments" in item) || !item.arguments || argumentsStreamed.has(event.output_index ?? -1)) return [];
        argumentsStreamed.add(event.output_index ?? -1);
        return toolCall(event.output_index, { function: { arguments: item.arguments } });
      }
      case "response.completed":
      case "response.incomplete":
        return finish(event.response);
      case "response.failed":
        throw new ResponseStreamError(responseFailure(event.response?.error));
      case "error":
        throw new ResponseStreamError(responseFailure(event));
      default:
        return [];
    }
  }

  return {
    next,
    get started() {
      return started;
    },
    get done() {
      return done;
    },
  };
}
