// Google's error bodies → UpstreamFailure. Google answers
//   {"error": {"code": 429, "message": "…", "status": "RESOURCE_EXHAUSTED", "details": [
//     {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "13s"}, …]}}
// (https://ai.google.dev/gemini-api/docs/troubleshooting). An invalid key is a 400
// INVALID_ARGUMENT with ErrorInfo reason API_KEY_INVALID: reported as 401 (auth), so key checks
// say "invalid key" and a rejected own key fails over. The retry delay becomes retryAfter.
import type { UpstreamFailure } from "../types.ts";

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{ "@type"?: string; reason?: string; retryDelay?: string }>;
}

const MAX_ERROR_BODY = 64 * 1024;

function parse(text: string): GoogleError | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown } | Array<{ error?: unknown }>;
    // streamGenerateContent without alt=sse wraps errors in an array.
    const error = Array.isArray(body) ? body[0]?.error : body.error;
    return typeof error === "object" && error !== null ? (error as GoogleError) : undefined;
  } catch {
    return undefined;
  }
}

/** "13s" / "0.5s" → whole seconds, rounded up (Retry-After takes integers). */
function seconds(delay: string | undefined): string | null {
  const match = delay === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(delay);
  return match ? String(Math.ceil(Number(match[1]))) : null;
}

async function readBounded(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    if (text.length < MAX_ERROR_BODY) text += Buffer.from(chunk).toString("utf8");
  }
  return text;
}

export async function googleFailure(status: number, headers: Record<string, string | string[] | undefined>, body: AsyncIterable<Uint8Array>): Promise<UpstreamFailure> {
  const text = await readBounded(body);
  const error = parse(text);
  const details = error?.details ?? [];
  const message = error?.message ?? (text.slice(0, 500) || `HTTP ${status}`);
  const code = error?.status ?? null;
  const header = headers["retry-after"];
  const retryAfter = typeof header === "string" ? header : seconds(details.find((d) => d["@type"]?.endsWith("google.rpc.RetryInfo"))?.retryDelay);
  const base = { ok: false as const, message, code, param: null, retryAfter };
  if (details.some((d) => d.reason === "API_KEY_INVALID")) return { ...base, kind: "auth", status: 401, code: "invalid_api_key" };
  if (status === 401 || status === 403) return { ...base, kind: "auth", status };
  if (status === 429) return { ...base, kind: "rate_limit", status };
  if (status === 408 || status === 504) return { ...base, kind: "timeout", status };
  // 503 UNAVAILABLE: "The model is overloaded." → the gateway's 503, retryable.
  if (status === 503) return { ...base, kind: "server", status, code: "overloaded" };
  if (status >= 500) return { ...base, kind: "server", status };
  return { ...base, kind: "client", status };
}
