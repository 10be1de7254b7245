// Helpers for this package's tests: a fetch wrapper and a hand-rolled SSE reader.

export const KEY = "sk-test-0123456789abcd";

export function post(url: string, body: unknown, init: { key?: string | null; signal?: AbortSignal; raw?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  return fetch(url, { method: "POST", headers, body: init.raw ?? JSON.stringify(body), ...(init.signal ? { signal: init.signal } : {}) });
}

export function chat(model = "gpt-4o-mini", text = "Hi there", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: text }], ...extra };
}

export interface SseResult {
  /** Every `data:` payload in order, "[DONE]" included. */
  raw: string[];
  /** The JSON payloads (everything but [DONE]). */
  chunks: Record<string, unknown>[];
  done: boolean;
  /** The stream broke before its end (socket destroyed). */
  error: unknown;
  /** The exact text received. */
  text: string;
}

export async function readSse(res: Response): Promise<SseResult> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let text = "";
  let error: unknown;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch (caught) {
    error = caught;
  }
  const raw: string[] = [];
  for (const event of text.split("\n\n")) {
    if (!event) continue;
    for (const line of event.split("\n")) if (line.startsWith("data: ")) raw.push(line.slice(6));
  }
  const chunks = raw.filter((d) => d !== "[DONE]").map((d) => JSON.parse(d) as Record<string, unknown>);
  return { raw, chunks, done: raw.at(-1) === "[DONE]", error, text };
}

interface Choice {
  index: number;
  delta: { role?: string; content?: string | null; tool_calls?: { index: number; id?: string; type?: string; function: { name?: string; arguments: string } }[] };
  finish_reason: string | null;
}

export function choicesOf(chunk: Record<string, unknown>): Choice[] {
  return chunk.choices as Choice[];
}
