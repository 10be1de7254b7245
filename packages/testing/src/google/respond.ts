// Writing a planned reply in the Gemini API's wire format: one GenerateContentResponse, or
// `streamGenerateContent?alt=sse` events (`data: <GenerateContentResponse>\r\n\r\n`, no [DONE]):
// thought summary, text pieces, whole function calls, and finishReason with the final
// usageMetadata (and, when grounded, groundingMetadata) on the last event (earlier events carry
// the prompt count only).
import type { ServerResponse } from "node:http";
import { sleep, type Cancellation } from "../mock-sleep.ts";
import type { GeminiPlan } from "./reply.ts";

type Json = Record<string, unknown>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function callPart(call: GeminiPlan["calls"][number]): Json {
  return { functionCall: { name: call.name, args: call.args }, ...(call.signature ? { thoughtSignature: call.signature } : {}) };
}

function response(plan: GeminiPlan, parts: Json[], final: boolean): Json {
  const usage = plan.usage;
  const usageMetadata = final ? usage : usage && { promptTokenCount: usage.promptTokenCount, totalTokenCount: usage.promptTokenCount };
  const candidates = Array.from({ length: plan.candidates }, (_, index) => ({
    content: { parts, role: "model" },
    ...(final ? { finishReason: plan.finishReason } : {}),
    ...(final && plan.grounding ? { groundingMetadata: plan.grounding } : {}),
    index,
  }));
  return { candidates, ...(usageMetadata ? { usageMetadata } : {}), modelVersion: plan.modelVersion, responseId: plan.responseId };
}

function blocked(plan: GeminiPlan): Json {
  const prompt = plan.usage?.promptTokenCount;
  return {
    promptFeedback: { blockReason: plan.blockReason },
    ...(prompt === undefined ? {} : { usageMetadata: { promptTokenCount: prompt, totalTokenCount: prompt } }),
    modelVersion: plan.modelVersion,
    responseId: plan.responseId,
  };
}

export function responseBody(plan: GeminiPlan): Json {
  if (plan.blockReason) return blocked(plan);
  const parts: Json[] = [];
  if (plan.thought) parts.push({ text: plan.thought, thought: true });
  if (plan.text) parts.push({ text: plan.text });
  parts.push(...plan.calls.map(callPart));
  return response(plan, parts.length > 0 ? parts : [{ text: "" }], true);
}

function events(plan: GeminiPlan): Json[] {
  if (plan.blockReason) return [blocked(plan)];
  const parts: Json[][] = [];
  if (plan.thought) parts.push([{ text: plan.thought, thought: true }]);
  for (const piece of plan.pieces) parts.push([{ text: piece }]);
  for (const call of plan.calls) parts.push([callPart(call)]);
  if (parts.length === 0) parts.push([{ text: "" }]);
  return parts.map((p, i) => response(plan, p, i === parts.length - 1));
}

export interface StreamOptions {
  chunkDelayMs: number;
  /** Destroy the socket after this many events (the final one is never sent). */
  failAfterChunks: number | undefined;
  cancellation: Cancellation;
  kill: () => void;
}

export async function writeSse(res: ServerResponse, plan: GeminiPlan, options: StreamOptions): Promise<void> {
  const all = events(plan);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (let i = 0; i < all.length; i++) {
    if (i > 0 && options.chunkDelayMs > 0 && !(await sleep(options.chunkDelayMs, options.cancellation))) return;
    if (res.destroyed) return;
    const data = `data: ${JSON.stringify(all[i])}\r\n\r\n`;
    if (options.failAfterChunks !== undefined && i + 1 >= Math.min(options.failAfterChunks, all.length - 1)) {
      res.write(data, options.kill);
      return;
    }
    res.write(data);
  }
  res.end();
}
