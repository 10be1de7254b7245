// The billing id of a request is always the gateway's own: a client repeating an x-request-id
// gets each request billed (and logged) separately.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

it("bills two requests carrying the same x-request-id as two requests", async () => {
  const apiKey = await h.project("credits");
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${h.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "x-request-id": "same-id-every-time" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
    ids.push(res.headers.get("x-switchyard-request-id")!);
  }
  expect(ids[0]).not.toBe(ids[1]);
  expect(ids.every((id) => /^req_[0-9a-z]{20}$/.test(id))).toBe(true);
  await expect.poll(() => h.events.length).toBe(2);
  expect(new Set(h.events.map((e) => e.requestId)).size).toBe(2);
});
