// The public types of the Anthropic Messages API mock (see server.ts).
import type { RecordedRequest } from "../mock-types.ts";

/** A scripted tool call; `input` defaults to a value generated from the tool's input_schema. */
export interface AnthropicToolUse {
  name: string;
  input?: Record<string, unknown>;
  id?: string;
}

export interface AnthropicUsageOverride {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/** One page a mocked web search returns. */
export interface AnthropicWebResult {
  url: string;
  title: string;
  /** Default "April 30, 2025". */
  pageAge?: string | null;
}

/**
 * The web search tool's part of a reply (only when the request declares the web_search tool).
 * Default: one search for the last user text, two results, an answer citing both.
 */
export interface AnthropicWebSearch {
  /** One server_tool_use + web_search_tool_result pair per query (those over the tool's max_uses get a max_uses_exceeded error). */
  queries?: string[];
  results?: AnthropicWebResult[];
  /** The answer's text blocks; `cite` lists the results (by index) a block cites. */
  answer?: Array<{ text: string; cite?: number[] }>;
  /** Every search fails with this web_search_tool_result_error code (e.g. "too_many_requests"). */
  errorCode?: string;
}

/** How the mock answers one Messages request; `{}` is the default behaviour. */
export interface AnthropicBehaviour {
  /** Reply text. Default: "Hello from the Anthropic mock (model <model>)." or, with output_config.format, JSON valid for the schema. */
  text?: string;
  /** Streaming: the text_delta pieces (their join is the text). */
  chunks?: string[];
  /** Thinking text, sent when the request enables thinking. Default "Let me think this through." */
  thinking?: string;
  /** With the web_search tool in the request: the searches, their results and the cited answer. */
  webSearch?: AnthropicWebSearch;
  /** Reply with these tool_use blocks (stop_reason tool_use); [] calls the request's first tool. */
  toolUses?: AnthropicToolUse[];
  /** An HTTP error with Anthropic's body for the status (type and message overridable). */
  error?: { status: number; type?: string; message?: string; headers?: Record<string, string> };
  /** Streaming: a 200 stream that sends an `error` event after this many events (0: before message_start). */
  streamError?: { type: string; message?: string; afterEvents: number };
  stopReason?: string;
  usage?: AnthropicUsageOverride;
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
}

export interface AnthropicMockOptions {
  /** When set, only these keys are accepted (others get 401 authentication_error). */
  validKeys?: string[];
  /** Keys that get this error status (Anthropic's body for it) on every request. */
  keyErrors?: Record<string, number>;
  /** Ids listed by GET /v1/models. */
  models?: string[];
}

export type AnthropicScript = (req: RecordedRequest) => AnthropicBehaviour | undefined;

export interface AnthropicMock {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash); the API lives under /v1 (or any prefix). */
  url: string;
  requests: RecordedRequest[];
  /** Consulted first for every Messages request; undefined falls through to the queue. */
  script(fn: AnthropicScript | undefined): void;
  /** One-shot behaviours consumed in order by the next Messages requests. */
  enqueue(...behaviours: AnthropicBehaviour[]): void;
  reset(): void;
  close(): Promise<void>;
}
