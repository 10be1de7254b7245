// Turns upstream HTTP errors and transport failures into one SearchFailure shape. Messages
// come from each provider's error body; the API key is scrubbed from every one of them.
import { SwitchyardError } from "@switchyard/core";
import type { UpstreamAnswerTooLargeError } from "@switchyard/providers";
import type { SearchFailure, SearchFailureKind } from "./types.ts";

const MAX_MESSAGE = 500;

function kindOf(status: number): SearchFailureKind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limit";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  return "client";
}

/**
 * The human message of an error body, in any of the four providers' shapes:
 * Tavily `{detail: {error}}`, Exa `{error: "…", tag}`, Kagi `{error: [{code, msg}]}`,
 * Perplexity `{error: {message, type, code}}`.
 */
function bodyMessage(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { detail, error, message } = parsed as { detail?: unknown; error?: unknown; message?: unknown };
  const first = Array.isArray(error) ? (error[0] as unknown) : error;
  const candidates = [
    typeof detail === "object" && detail !== null ? (detail as { error?: unknown }).error : detail,
    typeof first === "object" && first !== null ? ((first as { msg?: unknown; message?: unknown }).msg ?? (first as { message?: unknown }).message) : first,
    message,
  ];
  return candidates.find((c): c is string => typeof c === "string" && c.length > 0);
}

function redact(message: string, apiKey: string): string {
  return apiKey ? message.split(apiKey).join("[redacted]") : message;
}

export function httpFailure(status: number, headers: Record<string, string | string[] | undefined>, text: string, apiKey: string): SearchFailure {
  const message = (bodyMessage(text) ?? text.trim()) || `HTTP ${status}`;
  const retryAfter = headers["retry-after"];
  return { ok: false, kind: kindOf(status), status, message: redact(message.slice(0, MAX_MESSAGE), apiKey), retryAfter: typeof retryAfter === "string" ? retryAfter : null };
}

/** A failure with no HTTP answer: connection refused, timeouts, a refused address. */
export function transportFailure(error: unknown): SearchFailure {
  const base = { ok: false as const, retryAfter: null };
  if (error instanceof SwitchyardError) return { ...base, kind: "client", status: error.status, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return { ...base, kind: "timeout", status: 504, message: "The search provider did not answer in time." };
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof SwitchyardError) return transportFailure(cause);
  return { ...base, kind: "connection", status: 502, message: "Could not connect to the search provider." };
}

/** A 200 answer that is not JSON, or larger than the gateway reads (the error's message says so). */
export function unreadableResponse(tooLarge?: UpstreamAnswerTooLargeError): SearchFailure {
  return { ok: false, kind: "server", status: 502, message: tooLarge?.message ?? "The search provider sent an unreadable response.", retryAfter: null };
}
