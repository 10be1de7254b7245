// The streaming (`text/event-stream`) reply, chunk by chunk as OpenAI sends it:
//   role chunk → content pieces → tool call header + argument fragments → (search models:
//   one annotations chunk) → finish chunk
//   → (include_usage) usage chunk with "choices": [] → data: [DONE]
// With include_usage, every chunk carries "usage": null. n > 1 interleaves one chunk per choice.
import type { ServerResponse } from "node:http";
import { SYSTEM_FINGERPRINT } from "./mock-completion.ts";
import type { ReplyPlan } from "./mock-reply.ts";
import { sleep, type Cancellation } from "./mock-sleep.ts";

interface StreamEvent {
  data: string;
  /** A content or tool-call chunk (counted by failAfterChunks). */
  payload: boolean;
  /** Finish, usage or [DONE]. */
  tail: boolean;
}

export interface StreamOptions {
  includeUsage: boolean;
  chunkDelayMs: number;
  failAfterChunks: number | undefined;
  headers: Record<string, string>;
  cancellation: Cancellation;
  /** Destroys the socket (a deliberate failure, not a client abort). */
  kill: () => void;
}

function buildEvents(plan: ReplyPlan, includeUsage: boolean): StreamEvent[] {
  const head = `data: {"id":${JSON.stringify(plan.id)},"object":"chat.completion.chunk","created":${plan.created},"model":${JSON.stringify(plan.model)},"service_tier":"default","system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":`;
  const tail = includeUsage && plan.usage ? `,"usage":null}\n\n` : "}\n\n";
  const events: StreamEvent[] = [];
  const chunk = (index: number, delta: object, finishReason: string | null = null): string =>
    `${head}[${JSON.stringify({ index, delta, logprobs: null, finish_reason: finishReason })}]${tail}`;
  const each = (make: (index: number) => string, payload: boolean, isTail = false): void => {
    for (let index = 0; index < plan.n; index++) events.push({ data: make(index), payload, tail: isTail });
  };
  const header = (call: ReplyPlan["toolCalls"][number], callIndex: number, choice: number): object => ({
    index: callIndex,
    id: call.ids[choice],
    type: "function",
    function: { name: call.name, arguments: "" },
  });

  // Tool-only replies carry the first call's header in the role chunk, as OpenAI does.
  const merged = plan.content === null && plan.toolCalls.length > 0;
  each((i) => {
    const first = plan.toolCalls[0];
    return merged && first
      ? chunk(i, { role: "assistant", content: null, tool_calls: [header(first, 0, i)], refusal: null })
      : chunk(i, { role: "assistant", content: plan.content === null ? null : "", refusal: null });
  }, false);
  for (const piece of plan.pieces) each((i) => chunk(i, { content: piece }), true);
  plan.toolCalls.forEach((call, callIndex) => {
    if (!(merged && callIndex === 0)) each((i) => chunk(i, { tool_calls: [header(call, callIndex, i)] }), true);
    for (const fragment of call.fragments) {
      each((i) => chunk(i, { tool_calls: [{ index: callIndex, function: { arguments: fragment } }] }), true);
    }
  });
  if (plan.annotations.length > 0) each((i) => chunk(i, { annotations: plan.annotations }), false);
  each((i) => chunk(i, {}, plan.finishReason), false, true);
  if (includeUsage && plan.usage) {
    events.push({ data: `${head}[],"usage":${JSON.stringify(plan.usage)}}\n\n`, payload: false, tail: true });
  }
  events.push({ data: "data: [DONE]\n\n", payload: false, tail: true });
  return events;
}

/** The index of the last event written before the socket is destroyed (-1: no failure). */
function failureIndex(events: StreamEvent[], failAfterChunks: number | undefined): number {
  if (failAfterChunks === undefined) return -1;
  if (failAfterChunks <= 0) return 0;
  let count = 0;
  let lastBeforeTail = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (!event || event.tail) break;
    lastBeforeTail = i;
    if (event.payload && ++count === failAfterChunks) return i;
  }
  return lastBeforeTail;
}

export async function writeStream(res: ServerResponse, plan: ReplyPlan, options: StreamOptions): Promise<void> {
  const events = buildEvents(plan, options.includeUsage);
  const failAt = failureIndex(events, options.failAfterChunks);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...options.headers });
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && options.chunkDelayMs > 0 && !(await sleep(options.chunkDelayMs, options.cancellation))) return;
    if (res.destroyed) return;
    const data = events[i]?.data ?? "";
    if (i === failAt) {
      // Destroy only once the chunk reached the socket, so the client sees it before the cut.
      res.write(data, options.kill);
      return;
    }
    res.write(data);
  }
  res.end();
}
