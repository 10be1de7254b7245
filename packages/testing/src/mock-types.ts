// The public types of the mock OpenAI-compatible upstream (see mock-upstream.ts).
import type { ServerResponse } from "node:http";
import type { Cancellation } from "./mock-sleep.ts";

/** One request the mock received, updated in place while its response is written. */
export interface RecordedRequest {
  id: string;
  method: string;
  /** The URL path and query as sent, e.g. "/openai/v1/chat/completions". */
  path: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when there is none or it is not valid JSON. */
  body: unknown;
  rawBody: string;
  /** Multipart bodies only: the bytes as received (rawBody is their lossy UTF-8 reading). */
  rawBytes?: Buffer;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  /** The response was fully sent. */
  finished: boolean;
  /** The client closed the connection before the response ended. */
  aborted: boolean;
}

/** A scripted tool call; `arguments` may be an object (serialised) or a JSON string sent verbatim. */
export interface MockToolCall {
  name: string;
  arguments?: string | Record<string, unknown>;
  /** Defaults to a fresh "call_…" id. */
  id?: string;
}

/** An error response. Known statuses (400, 401, 403, 404, 429, 500, 503) get OpenAI's real bodies and headers. */
export interface MockError {
  status: number;
  /** A JSON value (sent as JSON) or a string (sent verbatim). Defaults to OpenAI's body for the status. */
  body?: unknown;
  /** Merged over the defaults (429 carries retry-after and x-ratelimit-*). */
  headers?: Record<string, string>;
}

/** A source a search model cites: the url_citation covers the first occurrence of `text` in the reply. */
export interface MockCitation {
  url: string;
  title: string;
  text: string;
}

export interface MockUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  cached_tokens?: number;
  reasoning_tokens?: number;
}

/**
 * How the mock answers one chat completion request. Every field is optional and they compose
 * (e.g. `{ firstByteDelayMs: 500, error: { status: 503 } }`); `{}` is the default behaviour.
 */
export interface Behaviour {
  /** The reply text. Default: "Hello from mock upstream (model <model>)." or, with response_format, valid JSON. */
  content?: string;
  /** Streaming pieces: a count (content split into that many parts) or the explicit pieces (their join is the content). */
  chunks?: number | string[];
  /**
   * Reply with these tool calls and finish_reason "tool_calls" (content null unless `content` is
   * set). An empty array calls the request's first declared tool with arguments generated from its
   * parameter schema (get_weather {"location":"Paris"} when the request declares none).
   */
  toolCalls?: MockToolCall[];
  /** Answer with this error instead of a completion. */
  error?: MockError;
  /** Wait this long before sending any response byte. */
  firstByteDelayMs?: number;
  /** Wait this long between stream chunks. */
  chunkDelayMs?: number;
  /**
   * Streaming: destroy the socket after this many payload chunks (content or tool-argument
   * pieces, after the role chunk), without finish chunk or [DONE]. Non-streaming: send the
   * headers and half the body, then destroy the socket.
   */
  failAfterChunks?: number;
  /** No usage in the response, no usage chunk, no `"usage": null` on chunks. */
  omitUsage?: boolean;
  /** Overrides of the computed usage. */
  usage?: MockUsage;
  /**
   * Search models (ids with "-search"): the sources the reply cites. Default: one Markdown link in
   * the default reply. Sent as message.annotations, or streamed in one chunk before the finish chunk.
   */
  citations?: MockCitation[];
  /** Overrides the finish reason ("stop", "tool_calls", or "length" when max_tokens cut the reply). */
  finishReason?: string;
}

export interface MockUpstreamOptions {
  host?: string;
  port?: number;
  /** Require an Authorization (Bearer), api-key or x-api-key header on every request. Default true. */
  requireAuth?: boolean;
  /** When set, only these keys are accepted (others get OpenAI's invalid_api_key 401). */
  validKeys?: string[];
  /** Keys that get this error status (OpenAI's body for it) on every request. */
  keyErrors?: Record<string, number>;
  /** Ids listed by GET …/models. */
  models?: string[];
  /** Merged under every behaviour (e.g. `{ chunkDelayMs: 20 }` for a realistic offline demo). */
  defaults?: Behaviour;
  /** Keep at most this many records (oldest dropped). Default 10 000. */
  maxRecords?: number;
}

export type MockScript = (req: RecordedRequest) => Behaviour | undefined;

/** One request as every endpoint handler of the OpenAI-compatible mock receives it. */
export interface MockExchange {
  record: RecordedRequest;
  res: ServerResponse;
  /** The caller's API key ("" when none). */
  key: string;
  headers: Record<string, string>;
  cancellation: Cancellation;
  /** Script, then queue. */
  pick: (record: RecordedRequest) => Behaviour | undefined;
}

export interface MockUpstream {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests whose response has not ended and whose connection is still open. */
  openRequests(): number;
  /** Consulted first for every chat request; returning undefined falls through to the queue. */
  script(fn: MockScript | undefined): void;
  /** One-shot behaviours consumed in order by the next chat requests. */
  enqueue(...behaviours: Behaviour[]): void;
  /** Clears the records, the script and the queue. */
  reset(): void;
  /** Stops listening and destroys every socket. */
  close(): Promise<void>;
}
