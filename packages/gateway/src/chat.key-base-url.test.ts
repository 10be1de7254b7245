// An own key with its own base URL (a proxy root): requests paid with that key go there, with the
// provider's version path appended, through the SSRF guard; house keys keep the operator's URL.
import { afterAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

const chat = (h: Harness, apiKey: string) =>
  fetch(`${h.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "groq/gpt-oss-20b", messages: [{ role: "user", content: "hi" }] }),
  });

describe("own keys with a base URL", () => {
  it("sends own-key requests to the key's proxy with the version path appended", async () => {
    const h = await startHarness({ allowlist: ["127.0.0.1"] });
    harnesses.push(h);
    await h.setOrgKey("groq", "gsk-own-key-proxied-0001", "active", { baseUrl: `${h.mock.url}/my-proxy` });
    const byok = await chat(h, await h.project("byok"));
    expect(byok.status).toBe(200);
    expect(h.mock.requests.at(-1)).toMatchObject({ path: "/my-proxy/openai/v1/chat/completions", headers: { authorization: "Bearer gsk-own-key-proxied-0001" } });
    const credits = await chat(h, await h.project("credits"));
    expect(credits.status).toBe(200);
    expect(h.mock.requests.at(-1)).toMatchObject({ path: "/groq/v1/chat/completions", headers: { authorization: "Bearer house-groq" } });
  }, 30_000);

  it("refuses a key's base URL on a private address unless the operator allows it", async () => {
    const h = await startHarness();
    harnesses.push(h);
    await h.setOrgKey("groq", "gsk-own-key-proxied-0002", "active", { baseUrl: `${h.mock.url}/my-proxy` });
    const res = await chat(h, await h.project("byok"));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "upstream_url_refused" } });
    expect(h.mock.requests).toHaveLength(0);
  }, 30_000);
});
