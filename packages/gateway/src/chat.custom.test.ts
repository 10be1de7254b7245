// An organization's own OpenAI-compatible endpoint (`custom:<slug>/<model>`): paid with its own
// key in every mode, unpriced, and reached only through the SSRF guard.
import { afterAll, describe, expect, it } from "vitest";
import type { Harness } from "./testing/harness.ts";
import { startCustomProviderHarness } from "./testing/custom-provider.ts";

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

async function withCustom(allowlist: string[]) {
  const h = await startCustomProviderHarness(allowlist);
  harnesses.push(h);
  return { h, apiKey: await h.project("credits") };
}

const chat = (h: Harness, apiKey: string, model: string) =>
  fetch(`${h.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });

describe("custom providers", () => {
  it("refuses a tenant URL on a private address", async () => {
    const { h, apiKey } = await withCustom([]);
    const res = await chat(h, apiKey, "custom:inhouse/qwen-local");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "upstream_url_refused" } });
    expect(h.mock.requests).toHaveLength(0);
  }, 30_000);

  it("routes to the organization's endpoint with its own key when the operator allows the host", async () => {
    const { h, apiKey } = await withCustom(["127.0.0.1"]);
    const res = await chat(h, apiKey, "custom:inhouse/qwen-local");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { usage: Record<string, unknown> };
    expect(body.usage).toMatchObject({ key_source: "byok", cost_priced: false, cost_usd_total: 0 });
    const seen = h.mock.requests[0]!;
    expect(seen.path).toBe("/inhouse/v1/chat/completions");
    expect(seen.headers.authorization).toBe("Bearer sk-inhouse-secret-9999");
    expect((seen.body as { model: string }).model).toBe("qwen-local");
    expect((await chat(h, apiKey, "custom:nope/x")).status).toBe(400);
  }, 30_000);
});
