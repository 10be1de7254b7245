// The public types of the mock Gemini API upstream (see server.ts).
import type { RecordedRequest } from "../mock-types.ts";

export type { RecordedRequest } from "../mock-types.ts";

export interface GeminiToolCall {
  name: string;
  args?: Record<string, unknown>;
}

export interface GeminiUsageOverride {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/**
 * Grounding with Google Search (only when the request has the googleSearch tool). Default: one
 * query (the last user text), two sources, and an answer whose two sentences cite them.
 */
export interface GeminiGrounding {
  /** webSearchQueries as sent ("" entries included: Google sends them and does not bill them). */
  queries?: string[];
  sources?: Array<{ uri: string; title: string }>;
  /** Which parts of the answer cite which sources (by index); each `text` must occur in the answer. */
  supports?: Array<{ text: string; sources: number[] }>;
}

/** How the mock answers one generateContent request; `{}` is the default behaviour. */
export interface GeminiBehaviour {
  /** Reply text. Default: "Hello from mock Gemini (model <model>)." or, with a JSON response type, JSON (from responseJsonSchema when given). */
  content?: string;
  /** Streaming pieces: a count (content split evenly) or the explicit pieces (their join is the content). */
  chunks?: number | string[];
  /** With the googleSearch tool in the request: the searches, sources and supports. */
  grounding?: GeminiGrounding;
  /** Reply with these function calls (finishReason STOP). An empty array calls the first declared function with arguments sampled from its schema. */
  toolCalls?: GeminiToolCall[];
  /** Thought summary text, sent when the request sets thinkingConfig.includeThoughts. Default: "Thinking it through." */
  thoughts?: string;
  /** Gemini's finishReason, e.g. "MAX_TOKENS", "SAFETY". Default STOP (MAX_TOKENS when maxOutputTokens cut the reply). */
  finishReason?: string;
  /** The prompt is blocked: no candidates, promptFeedback.blockReason set. */
  blockReason?: string;
  usage?: GeminiUsageOverride;
  omitUsage?: boolean;
  /** Answer with this error: known statuses (400, 403, 404, 429, 500, 503, 504) get Google's bodies. */
  error?: { status: number; body?: unknown; headers?: Record<string, string> };
  /** Streaming: destroy the socket after this many events, before the finishReason. */
  failAfterChunks?: number;
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
}

export interface GeminiMockOptions {
  host?: string;
  port?: number;
  /** When set, only these keys are accepted (others get Google's 400 API_KEY_INVALID). */
  validKeys?: string[];
  /** Keys that get this error status on every request. */
  keyErrors?: Record<string, number>;
  /** Model ids the mock serves (others: 404 NOT_FOUND). Default: any gemini-* id. */
  models?: string[];
}

export type GeminiScript = (req: RecordedRequest) => GeminiBehaviour | undefined;

export interface GeminiMock {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Consulted first for every generate request; undefined falls through to the queue. */
  script(fn: GeminiScript | undefined): void;
  enqueue(...behaviours: GeminiBehaviour[]): void;
  reset(): void;
  close(): Promise<void>;
}
