// What the mock answers to one generateContent request: thought summary, text (and its stream
// pieces), function calls with thought signatures (Gemini 3), finishReason and usageMetadata.
// Pure; the wire format lives in respond.ts.
import { randomBytes } from "node:crypto";
import { randomToken } from "@switchyard/core";
import { sampleFromSchema } from "../mock-json-schema.ts";
import { tokenize } from "../mock-reply.ts";
import { planGrounding } from "./grounding.ts";
import type { GenerateRequest } from "./request.ts";
import type { GeminiBehaviour } from "./types.ts";

export interface GeminiUsage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

export interface GeminiCall {
  name: string;
  args: Record<string, unknown>;
  signature: string | undefined;
}

export interface GeminiPlan {
  responseId: string;
  modelVersion: string;
  blockReason: string | undefined;
  candidates: number;
  thought: string | undefined;
  text: string | null;
  pieces: string[];
  calls: GeminiCall[];
  finishReason: string;
  usage: GeminiUsage | undefined;
  /** The candidates' groundingMetadata (googleSearch requests). */
  grounding: Json | undefined;
}

type Json = Record<string, unknown>;

function splitEvenly(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, Math.floor(count))));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

function promptChars(request: GenerateRequest): number {
  let chars = 0;
  for (const content of [...request.contents, ...(request.systemInstruction ? [request.systemInstruction] : [])]) {
    for (const part of (content.parts as Json[] | undefined) ?? []) {
      if (typeof part.text === "string") chars += part.text.length;
      else if (part.functionCall || part.functionResponse) chars += JSON.stringify(part.functionCall ?? part.functionResponse).length;
      else chars += 1032; // an image or file: 258 tokens, as Gemini counts a small image
    }
  }
  return chars;
}

function defaultText(request: GenerateRequest): string {
  const text = `Hello from mock Gemini (model ${request.model}).`;
  if (!request.json) return text;
  return JSON.stringify(request.schema === undefined ? { message: text } : sampleFromSchema(request.schema));
}

function plannedCalls(request: GenerateRequest, behaviour: GeminiBehaviour, issue: () => string | undefined): GeminiCall[] {
  if (!behaviour.toolCalls) return [];
  const first = request.functions[0];
  const calls = behaviour.toolCalls.length > 0 ? behaviour.toolCalls : [{ name: first?.name ?? "get_weather", args: (first ? sampleFromSchema(first.schema) : { location: "Paris" }) as Record<string, unknown> }];
  return calls.map((call, i) => ({ name: call.name, args: call.args ?? {}, signature: i === 0 ? issue() : undefined }));
}

/** `issue` returns a fresh thought signature the mock will accept back (Gemini 3), or undefined. */
export function planGeminiReply(request: GenerateRequest, behaviour: GeminiBehaviour, issue: () => string | undefined): GeminiPlan {
  const calls = plannedCalls(request, behaviour, issue);
  let finishReason = "STOP";
  let text: string | null;
  let pieces: string[];
  if (Array.isArray(behaviour.chunks)) {
    pieces = behaviour.chunks;
    text = pieces.join("");
  } else {
    text = behaviour.content ?? (calls.length > 0 ? null : defaultText(request));
    const tokens = text === null ? [] : tokenize(text);
    if (text !== null && request.maxOutputTokens !== undefined && tokens.length > request.maxOutputTokens) {
      text = tokens.slice(0, request.maxOutputTokens).join("");
      finishReason = "MAX_TOKENS";
    }
    pieces = text === null ? [] : typeof behaviour.chunks === "number" ? splitEvenly(text, behaviour.chunks) : tokenize(text, 24);
  }
  let grounding: Json | undefined;
  if (request.googleSearch && calls.length === 0) {
    const planned = planGrounding(behaviour.grounding, lastUserText(request), behaviour.content ?? (Array.isArray(behaviour.chunks) ? text : null));
    grounding = planned.metadata;
    if (text !== planned.text) {
      text = planned.text;
      pieces = typeof behaviour.chunks === "number" ? splitEvenly(text, behaviour.chunks) : tokenize(text, 24);
    }
  }
  const thought = request.includeThoughts ? (behaviour.thoughts ?? "Thinking it through.") : undefined;
  const n = request.candidateCount;
  let perCandidate = text === null ? 0 : tokenize(text).length;
  for (const call of calls) perCandidate += Math.ceil((call.name.length + JSON.stringify(call.args).length) / 4) + 3;
  const override = behaviour.usage ?? {};
  const prompt = override.promptTokenCount ?? Math.ceil(promptChars(request) / 4) + 3 * request.contents.length;
  const candidatesTokens = override.candidatesTokenCount ?? perCandidate * n;
  const thoughts = override.thoughtsTokenCount ?? (thought ? tokenize(thought).length * n : 0);
  const usage: GeminiUsage = {
    promptTokenCount: prompt,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: prompt + candidatesTokens + thoughts,
    ...(override.cachedContentTokenCount ? { cachedContentTokenCount: override.cachedContentTokenCount } : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
  return {
    responseId: randomToken(22),
    modelVersion: request.model,
    blockReason: behaviour.blockReason,
    candidates: n,
    thought,
    text,
    pieces,
    calls,
    finishReason: behaviour.finishReason ?? finishReason,
    usage: behaviour.omitUsage ? undefined : usage,
    grounding,
  };
}

function lastUserText(request: GenerateRequest): string {
  const last = [...request.contents].reverse().find((c) => c.role === "user");
  const parts = (last?.parts as Json[] | undefined) ?? [];
  return parts.map((p) => (typeof p.text === "string" ? p.text : "")).join("");
}

/** A thought signature as Gemini sends one: opaque base64. */
export function newSignature(): string {
  return randomBytes(48).toString("base64");
}
