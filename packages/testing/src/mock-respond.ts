// Writing whole responses: JSON bodies, errors, the non-streaming completion, and the headers
// OpenAI puts on every response.
import type { ServerResponse } from "node:http";
import { completionBody } from "./mock-completion.ts";
import { defaultError } from "./mock-errors.ts";
import type { ReplyPlan } from "./mock-reply.ts";
import type { MockError } from "./mock-types.ts";

/** The headers OpenAI sends on every API response. */
export function commonHeaders(requestId: string, receivedAt: number): Record<string, string> {
  return {
    "x-request-id": requestId,
    "openai-organization": "org-mock",
    "openai-processing-ms": String(Date.now() - receivedAt),
    "openai-version": "2020-10-01",
  };
}

const SUCCESS_RATE_HEADERS: Record<string, string> = {
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-limit-tokens": "200000",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-remaining-tokens": "199985",
  "x-ratelimit-reset-requests": "120ms",
  "x-ratelimit-reset-tokens": "4ms",
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A scripted error; a string body is sent verbatim (text/plain unless the headers say otherwise). */
export function sendError(res: ServerResponse, error: MockError, model: string, key: string, headers: Record<string, string>): void {
  const fallback = defaultError(error.status, model, key);
  const merged = { ...headers, ...fallback.headers, ...error.headers };
  const body = error.body === undefined ? fallback.body : error.body;
  if (typeof body !== "string") {
    sendJson(res, error.status, body, merged);
    return;
  }
  res.writeHead(error.status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), ...merged });
  res.end(body);
}

/**
 * The non-streaming completion. With `failMidBody`, only the headers (announcing the full
 * length) and half the body are sent before `kill` destroys the socket.
 */
export function sendCompletion(res: ServerResponse, plan: ReplyPlan, headers: Record<string, string>, failMidBody: boolean, kill: () => void): void {
  const text = completionBody(plan);
  const length = Buffer.byteLength(text);
  res.writeHead(200, { "content-type": "application/json", "content-length": length, ...SUCCESS_RATE_HEADERS, ...headers });
  if (!failMidBody) {
    res.end(text);
    return;
  }
  res.write(text.slice(0, Math.floor(text.length / 2)), kill);
}

export function streamHeaders(headers: Record<string, string>): Record<string, string> {
  return { ...SUCCESS_RATE_HEADERS, ...headers };
}
