// Turns upstream HTTP errors and transport failures into one UpstreamFailure shape.
import { SwitchyardError } from "@switchyard/core";
import type { UpstreamFailure, UpstreamFailureKind } from "./types.ts";

const MAX_ERROR_BODY = 64 * 1024;

function kindOf(status: number): UpstreamFailureKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate_limit";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  return "client";
}

/** Reads an upstream error body (bounded) and extracts OpenAI-style error fields. */
export async function httpFailure(status: number, headers: Record<string, string | string[] | undefined>, body: AsyncIterable<Uint8Array>): Promise<UpstreamFailure> {
  let text = "";
  for await (const chunk of body) {
    if (text.length < MAX_ERROR_BODY) text += Buffer.from(chunk).toString("utf8");
  }
  let message = text.slice(0, 500) || `HTTP ${status}`;
  let code: string | null = null;
  let param: string | null = null;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; code?: unknown; param?: unknown } | string; message?: unknown };
    const err = typeof parsed.error === "object" ? parsed.error : undefined;
    const m = err?.message ?? (typeof parsed.error === "string" ? parsed.error : parsed.message);
    if (typeof m === "string") message = m;
    if (typeof err?.code === "string") code = err.code;
    if (typeof err?.param === "string") param = err.param;
  } catch {
    // not JSON: keep the text
  }
  const retryAfter = headers["retry-after"];
  return { ok: false, kind: kindOf(status), status, message, code, param, retryAfter: typeof retryAfter === "string" ? retryAfter : null };
}

/** A transport failure (no HTTP answer): connection refused, timeouts, a refused address. */
export function transportFailure(error: unknown): UpstreamFailure {
  const base = { ok: false as const, code: null, param: null, retryAfter: null };
  if (error instanceof SwitchyardError) return { ...base, kind: "client", status: error.status, message: error.message, code: error.code };
  const code = (error as { code?: string }).code ?? "";
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return { ...base, kind: "timeout", status: 504, message: "The upstream provider did not answer in time." };
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof SwitchyardError) return transportFailure(cause);
  return { ...base, kind: "connection", status: 502, message: "Could not connect to the upstream provider." };
}

/** A successful upstream answer larger than the gateway reads (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB). */
export class UpstreamAnswerTooLargeError extends Error {
  constructor(limitBytes: number) {
    const mb = limitBytes / (1024 * 1024);
    const limit = Number.isInteger(mb) ? `${mb} MB` : `${limitBytes} bytes`;
    super(`The upstream provider's answer is larger than ${limit}, the most this gateway reads (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB).`);
    this.name = "UpstreamAnswerTooLargeError";
  }
}

/** A 200 answer that could not be read (not JSON, cut off, too large): a transport failure with a message that says so. */
export function unreadableAnswer(error: unknown, message = "The upstream provider sent an unreadable response."): UpstreamFailure {
  return { ...transportFailure(error), message: error instanceof UpstreamAnswerTooLargeError ? error.message : message };
}

export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error as Error)?.name === "AbortError";
}
