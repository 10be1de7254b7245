// The public types of the mock Responses API upstream (see server.ts).
import type { MockError, MockToolCall, MockUsage } from "../mock-types.ts";
import type { ScriptedServer } from "../scripted-server.ts";

/** How the mock answers one POST …/responses. Fields compose; `{}` is the default reply. */
export interface ResponsesBehaviour {
  /** The reply text. Default: "Hello from mock upstream (model <model>)." or, with a JSON text.format, valid JSON. */
  content?: string;
  /** Streamed text pieces (their join is the content). */
  chunks?: string[];
  /** Reply with these function calls (an empty array: the request's first tool with schema-valid arguments). */
  toolCalls?: MockToolCall[];
  /** Reasoning summary parts, sent when the request asks for a summary. Default: one short part. */
  reasoning?: string[];
  /** An HTTP error instead of a response (OpenAI's bodies; Azure's on Azure paths). */
  error?: MockError;
  /** End as `incomplete` for this reason (max_output_tokens is also automatic when the limit cuts the text). */
  incomplete?: "max_output_tokens" | "content_filter";
  /** The response fails: a `response.failed` event right after response.in_progress (HTTP 500 without streaming). */
  failed?: { code: string; message: string };
  /** Streaming: an `error` event after this many text deltas, then the stream ends. */
  errorAfterDeltas?: number;
  usage?: MockUsage;
  /** Wait this long before sending any byte. */
  firstByteDelayMs?: number;
}

export interface ResponsesMockOptions {
  host?: string;
  port?: number;
  /** Accepted keys (Bearer on /v1, api-key on Azure paths). Default: any non-empty key. */
  validKeys?: string[];
  /** Models (on Azure: deployment names) that exist. Default: the catalog's OpenAI models. */
  models?: string[];
}

export type ResponsesMock = ScriptedServer<ResponsesBehaviour>;
