// 200 concurrent streams, half cancelled by the client mid-way: no upstream request is left
// open, and every request is billed exactly once (the cancelled ones as client_abort).
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

it("cancels upstream requests with their clients and bills every request once", async () => {
  const apiKey = await h.project("credits");
  h.mock.script(() => ({ chunks: 20, chunkDelayMs: 25 }));
  const N = 200;
  const results = await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const controller = new AbortController();
      const res = await fetch(`${h.url}/v1/chat/completions`, {
        method: "POST",
        signal: controller.signal,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: `stream ${i}` }] }),
      });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (i % 2 === 1 && text.split("data: ").length > 4) {
          controller.abort();
          break;
        }
      }
      return { cancelled: i % 2 === 1, text, requestId: res.headers.get("x-switchyard-request-id")! };
    }),
  );
  for (const r of results.filter((x) => !x.cancelled)) expect(r.text.trimEnd().endsWith("data: [DONE]")).toBe(true);

  await expect.poll(() => h.events.length, { timeout: 10_000 }).toBe(N);
  await expect.poll(() => h.mock.openRequests(), { timeout: 10_000 }).toBe(0);
  const ids = new Set(h.events.map((e) => e.requestId));
  expect(ids.size).toBe(N);
  for (const r of results) {
    const event = h.events.find((e) => e.requestId === r.requestId)!;
    expect(event.status).toBe(r.cancelled ? "client_abort" : "success");
    if (r.cancelled) {
      expect(event.usageEstimated).toBe(true);
      expect(event.completionTokens).toBeGreaterThan(0);
    }
  }
  expect(h.mock.requests.filter((r) => r.aborted)).toHaveLength(N / 2);
  // Nothing arrives later: each request was billed exactly once.
  await new Promise((r) => setTimeout(r, 300));
  expect(h.events).toHaveLength(N);
}, 60_000);
