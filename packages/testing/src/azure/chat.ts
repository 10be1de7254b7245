// Azure OpenAI's chat completion and stream for a planned reply (mock-reply.ts): OpenAI's
// shapes with Azure's additions, keys in Azure's (alphabetical) order. The stream opens with the
// prompt-filter chunk (empty id/model/object, choices []); every choice carries
// content_filter_results; asynchronous filtering adds annotation chunks without a delta.
// (Azure "Content filtering" docs; chunks quoted in Azure/azure-sdk-for-go#21086,
// microsoft/autogen#6465, langchain4j#2385.)
import type { ServerResponse } from "node:http";
import type { ReplyPlan } from "../mock-reply.ts";
import { FILTER_SAFE, FILTER_VIOLENCE } from "./errors.ts";
import type { AzureBehaviour } from "./types.ts";

type Json = Record<string, unknown>;

const FINGERPRINT = "fp_azure_mock";
const promptFilter = [{ prompt_index: 0, content_filter_results: FILTER_SAFE }];

function toolCalls(plan: ReplyPlan): Json[] {
  return plan.toolCalls.map((call) => ({ function: { arguments: call.arguments, name: call.name }, id: call.ids[0], type: "function" }));
}

export function azureCompletion(plan: ReplyPlan, behaviour: AzureBehaviour): Json {
  const filtered = behaviour.completionFiltered === true;
  const message: Json = { annotations: [], content: filtered ? null : plan.content, refusal: null, role: "assistant" };
  if (plan.toolCalls.length > 0) message.tool_calls = toolCalls(plan);
  return {
    choices: [{ content_filter_results: filtered ? FILTER_VIOLENCE : FILTER_SAFE, finish_reason: filtered ? "content_filter" : plan.finishReason, index: 0, logprobs: null, message }],
    created: plan.created,
    id: plan.id,
    model: plan.model,
    object: "chat.completion",
    prompt_filter_results: promptFilter,
    system_fingerprint: FINGERPRINT,
    ...(plan.usage ? { usage: plan.usage } : {}),
  };
}

/** The stream's `data:` payloads, [DONE] included. */
export function azureChunks(plan: ReplyPlan, behaviour: AzureBehaviour, includeUsage: boolean): string[] {
  const filtered = behaviour.completionFiltered === true;
  const chunk = (delta: Json, finish: string | null = null, filter: Json = FILTER_SAFE): string =>
    JSON.stringify({
      choices: [{ content_filter_results: filter, delta, finish_reason: finish, index: 0, logprobs: null }],
      created: plan.created,
      id: plan.id,
      model: plan.model,
      object: "chat.completion.chunk",
      system_fingerprint: FINGERPRINT,
      ...(includeUsage ? { usage: null } : {}),
    });
  const out = [JSON.stringify({ choices: [], created: 0, id: "", model: "", object: "", prompt_filter_results: promptFilter })];
  out.push(chunk({ content: "", refusal: null, role: "assistant" }, null, {}));
  const pieces = filtered ? plan.pieces.slice(0, 1) : plan.pieces;
  for (const piece of pieces) out.push(chunk({ content: piece }));
  plan.toolCalls.forEach((call, index) => {
    out.push(chunk({ tool_calls: [{ function: { arguments: "", name: call.name }, id: call.ids[0], index, type: "function" }] }));
    for (const fragment of call.fragments) out.push(chunk({ tool_calls: [{ function: { arguments: fragment }, index }] }));
  });
  out.push(chunk({}, filtered ? "content_filter" : plan.finishReason, filtered ? FILTER_VIOLENCE : {}));
  if (behaviour.asyncFilter) {
    const end = pieces.join("").length;
    out.push(JSON.stringify({ choices: [{ content_filter_offsets: { check_offset: 0, end_offset: end, start_offset: 0 }, content_filter_results: FILTER_SAFE, finish_reason: null, index: 0 }], created: 0, id: "", model: "", object: "" }));
  }
  if (includeUsage && plan.usage) {
    out.push(JSON.stringify({ choices: [], created: plan.created, id: plan.id, model: plan.model, object: "chat.completion.chunk", system_fingerprint: FINGERPRINT, usage: plan.usage }));
  }
  out.push("[DONE]");
  return out;
}

export function writeAzureStream(res: ServerResponse, payloads: string[], headers: Record<string, string>, failAfterChunks: number | undefined, kill: () => void): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers });
  for (const [n, data] of payloads.entries()) {
    // Counted after the prompt-filter and role chunks, like the OpenAI mock's failAfterChunks.
    if (failAfterChunks !== undefined && n === failAfterChunks + 1) {
      res.write(`data: ${data}\n\n`, kill);
      return;
    }
    res.write(`data: ${data}\n\n`);
  }
  res.end();
}
