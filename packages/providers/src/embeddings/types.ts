// Embeddings across upstream protocols. The gateway hands over the client's inputs (already an
// array), each adapter splits them into batches its upstream accepts, translates, and returns
// one vector per input in input order, with the token counts the upstream reported.
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

/** One input: text, or token ids (OpenAI's token arrays; OpenAI-compatible upstreams only). */
export type EmbeddingInput = string | readonly number[];

/** One vector as the upstream sent it: numbers, or base64 of little-endian float32 (OpenAI's base64). */
export type EmbeddingVector = readonly number[] | string;

export interface EmbeddingsRequest {
  target: UpstreamTarget;
  inputs: readonly EmbeddingInput[];
  dimensions?: number;
  /** What the client asked for; upstreams that can send it are asked for it. */
  encoding: "float" | "base64";
  user?: string;
  /**
   * What the vectors are for: Cohere's input_type (search_document, search_query,
   * classification, clustering; Gemini's taskType equivalents) or a Gemini TaskType name.
   */
  inputType?: string;
  /** Body parameters passed unchanged to OpenAI-compatible upstreams (Switchyard's own removed). */
  passthrough?: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
}

export interface EmbeddingsResult {
  /** One per input, in input order. */
  vectors: EmbeddingVector[];
  /** Input tokens the upstream reported. */
  promptTokens: number;
  /** Indexes of the inputs whose tokens no upstream answer reported (the gateway estimates them). */
  unreported: number[];
  /** The model as the upstream named it. */
  model: string;
  /** Upstream requests made (batches). */
  calls: number;
}

/**
 * What the batches answered before a failure had consumed: the upstream charged the key for them,
 * so the gateway bills them (and does not try another key, which would make the client pay twice).
 */
export interface EmbeddingsConsumed {
  /** Input tokens those answers reported. */
  promptTokens: number;
  /** Indexes of the inputs those answers embedded without reporting their tokens (estimated). */
  unreported: number[];
  /** Upstream requests that succeeded. */
  calls: number;
}

/** A failed request; `consumed` when batches had succeeded before it failed. */
export type EmbeddingsFailure = UpstreamFailure & { consumed?: EmbeddingsConsumed };

export type EmbeddingsOutcome = { ok: true; value: EmbeddingsResult } | EmbeddingsFailure;

export interface EmbeddingsAdapter {
  embed(request: EmbeddingsRequest): Promise<EmbeddingsOutcome>;
}

/** A request the translation cannot express for this upstream: a 400 naming the parameter. */
export function unsupported(param: string, message: string): UpstreamFailure {
  return { ok: false, kind: "client", status: 400, message, code: "unsupported_parameter", param, retryAfter: null };
}

/** An answer that does not have the shape the upstream's API promises. */
export function malformedAnswer(what: string): UpstreamFailure {
  return { ok: false, kind: "server", status: 502, message: `The upstream provider sent an unreadable embeddings response (${what}).`, code: "bad_upstream_response", param: null, retryAfter: null };
}
