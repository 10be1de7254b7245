// The Responses stream as the API sends it: `event: <type>` / `data: <json with type and
// sequence_number>` frames, no [DONE]. Sequence (openai-node ResponseStreamEvent):
//   response.created → response.in_progress
//   → reasoning item: output_item.added, per summary part reasoning_summary_part.added,
//     reasoning_summary_text.delta…, reasoning_summary_text.done, reasoning_summary_part.done; output_item.done
//   → message item: output_item.added, content_part.added, output_text.delta…, output_text.done,
//     content_part.done, output_item.done
//   → per call: output_item.added, function_call_arguments.delta…, function_call_arguments.done, output_item.done
//   → response.completed | response.incomplete   (or response.failed after in_progress; or an `error` event)
import type { ServerResponse } from "node:http";
import { callItem, messageItem, reasoningItem, responseObject, textPart } from "./body.ts";
import type { ResponsesPlan } from "./reply.ts";
import type { ResponsesBehaviour } from "./types.ts";

type Json = Record<string, unknown>;

function summaryEvents(plan: ResponsesPlan, output_index: number): Json[] {
  const item_id = plan.reasoningId;
  const events: Json[] = [{ type: "response.output_item.added", output_index, item: reasoningItem(plan, false) }];
  plan.summaries.forEach((pieces, summary_index) => {
    const text = pieces.join("");
    events.push({ type: "response.reasoning_summary_part.added", item_id, output_index, summary_index, part: { type: "summary_text", text: "" } });
    for (const delta of pieces) events.push({ type: "response.reasoning_summary_text.delta", item_id, output_index, summary_index, delta });
    events.push({ type: "response.reasoning_summary_text.done", item_id, output_index, summary_index, text });
    events.push({ type: "response.reasoning_summary_part.done", item_id, output_index, summary_index, part: { type: "summary_text", text } });
  });
  events.push({ type: "response.output_item.done", output_index, item: reasoningItem(plan, true) });
  return events;
}

function messageEvents(plan: ResponsesPlan, output_index: number, errorAfter: number | undefined): Json[] {
  const item_id = plan.messageId;
  const text = plan.pieces.join("");
  const events: Json[] = [
    { type: "response.output_item.added", output_index, item: messageItem(plan, false) },
    { type: "response.content_part.added", item_id, output_index, content_index: 0, part: textPart("") },
  ];
  for (const [n, delta] of plan.pieces.entries()) {
    if (n === errorAfter) return events;
    events.push({ type: "response.output_text.delta", item_id, output_index, content_index: 0, delta, logprobs: [] });
  }
  events.push({ type: "response.output_text.done", item_id, output_index, content_index: 0, text, logprobs: [] });
  events.push({ type: "response.content_part.done", item_id, output_index, content_index: 0, part: textPart(text) });
  events.push({ type: "response.output_item.done", output_index, item: messageItem(plan, true) });
  return events;
}

function callEvents(call: ResponsesPlan["calls"][number], output_index: number): Json[] {
  const item_id = call.itemId;
  return [
    { type: "response.output_item.added", output_index, item: callItem(call, false) },
    ...call.fragments.map((delta) => ({ type: "response.function_call_arguments.delta", item_id, output_index, delta })),
    { type: "response.function_call_arguments.done", item_id, output_index, name: call.name, arguments: call.arguments },
    { type: "response.output_item.done", output_index, item: callItem(call, true) },
  ];
}

export function streamEvents(plan: ResponsesPlan, behaviour: ResponsesBehaviour): Json[] {
  const events: Json[] = [
    { type: "response.created", response: responseObject(plan, false) },
    { type: "response.in_progress", response: responseObject(plan, false) },
  ];
  if (behaviour.failed) {
    events.push({ type: "response.failed", response: responseObject(plan, true, "failed", behaviour.failed) });
    return events;
  }
  let index = 0;
  if (plan.reasoning) events.push(...summaryEvents(plan, index++));
  if (plan.pieces.length > 0) {
    events.push(...messageEvents(plan, index++, behaviour.errorAfterDeltas));
    if (behaviour.errorAfterDeltas !== undefined) {
      events.push({ type: "error", code: "server_error", message: "The server had an error while processing your request.", param: null });
      return events;
    }
  }
  for (const call of plan.calls) events.push(...callEvents(call, index++));
  const final = responseObject(plan, true);
  events.push({ type: plan.incomplete ? "response.incomplete" : "response.completed", response: final });
  return events;
}

export function writeEvents(res: ServerResponse, events: Json[], headers: Record<string, string>): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers });
  events.forEach((event, sequence_number) => {
    const { type, ...rest } = event;
    res.write(`event: ${String(type)}\ndata: ${JSON.stringify({ type, sequence_number, ...rest })}\n\n`);
  });
  res.end();
}
