// Every project mode × organization key state × BYOK control: which key the upstream saw, how
// many attempts were made, and who was billed (credits: the cost; own key: the 5% markup).
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h.close());

const ORG = "sk-org-openai-111122223333";
const INLINE = "sk-inline-openai-444455556666";
const HOUSE = "house-openai";

type KeyState = "none" | "active" | "inactive";
interface Row {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  orgKey: KeyState;
  headers?: Record<string, string>;
  byokConf?: { provider: string; credentials: string; fallback?: boolean };
  /** Upstream answers by key: e.g. { [ORG]: 429 }. */
  failing?: Record<string, number>;
  allowCreditsFallback?: boolean;
  expect: { keys: string[]; source: "credits" | "byok"; status?: 200 } | { error: number; code: string; keys: string[] };
}

const rows: Row[] = [
  { name: "credits uses the house key", mode: "credits", orgKey: "none", expect: { keys: [HOUSE], source: "credits" } },
  { name: "credits ignores an active org key", mode: "credits", orgKey: "active", expect: { keys: [HOUSE], source: "credits" } },
  { name: "credits + x-use-byok uses the org key", mode: "credits", orgKey: "active", headers: { "x-use-byok": "true" }, expect: { keys: [ORG], source: "byok" } },
  { name: "credits + x-use-byok without a key", mode: "credits", orgKey: "none", headers: { "x-use-byok": "true" }, expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "byok uses the org key", mode: "byok", orgKey: "active", expect: { keys: [ORG], source: "byok" } },
  { name: "byok without a key", mode: "byok", orgKey: "none", expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "byok with a deactivated key", mode: "byok", orgKey: "inactive", expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "byok never falls back to credits", mode: "byok", orgKey: "active", failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "hybrid prefers the org key", mode: "hybrid", orgKey: "active", expect: { keys: [ORG], source: "byok" } },
  { name: "hybrid without a key uses credits", mode: "hybrid", orgKey: "none", expect: { keys: [HOUSE], source: "credits" } },
  { name: "hybrid with a deactivated key uses credits", mode: "hybrid", orgKey: "inactive", expect: { keys: [HOUSE], source: "credits" } },
  { name: "hybrid falls back to credits on a rate-limited org key", mode: "hybrid", orgKey: "active", failing: { [ORG]: 429 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid falls back on a rejected org key", mode: "hybrid", orgKey: "active", failing: { [ORG]: 401 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid falls back on an org key's server error", mode: "hybrid", orgKey: "active", failing: { [ORG]: 500 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid does not fall back when the project forbids it", mode: "hybrid", orgKey: "active", allowCreditsFallback: false, failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "hybrid + x-use-byok without a key", mode: "hybrid", orgKey: "none", headers: { "x-use-byok": "true" }, expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "hybrid + x-use-byok does not fall back", mode: "hybrid", orgKey: "active", headers: { "x-use-byok": "true" }, failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "x-byok-provider forces the provider", mode: "hybrid", orgKey: "active", headers: { "x-byok-provider": "openai" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok_conf inline credentials in credits mode", mode: "credits", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf inline beats the org key", mode: "byok", orgKey: "active", byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf falls back to credits by default", mode: "hybrid", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE }, failing: { [INLINE]: 429 }, expect: { keys: [INLINE, HOUSE], source: "credits" } },
  { name: "byok_conf fallback false uses only the inline key", mode: "hybrid", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE, fallback: false }, failing: { [INLINE]: 503 }, expect: { error: 502, code: "upstream_error", keys: [INLINE] } },
  { name: "a rejected inline key without fallback is a 403", mode: "credits", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE, fallback: false }, failing: { [INLINE]: 401 }, expect: { error: 403, code: "provider_key_rejected", keys: [INLINE] } },
];

describe.each(rows)("$name", (row) => {
  it("routes to the expected key and bills the expected party", async () => {
    const apiKey = await h.project(row.mode, { allowCreditsFallback: row.allowCreditsFallback ?? true });
    if (row.orgKey === "none") await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    else await h.setOrgKey("openai", ORG, row.orgKey);
    await h.setOrgKey("groq", "sk-org-groq-unused-0000", "inactive");
    h.mock.reset();
    h.events.length = 0;
    h.mock.script((req) => {
      const key = req.headers.authorization?.replace("Bearer ", "") ?? "";
      const status = row.failing?.[key];
      return status ? { error: { status } } : undefined;
    });

    const res = await fetch(`${h.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...row.headers },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Which key?" }], ...(row.byokConf ? { byok_conf: row.byokConf } : {}) }),
    });
    const body = (await res.json()) as { error?: { code: string; message: string }; usage?: Record<string, unknown> };
    const seen = h.mock.requests.map((r) => r.headers.authorization?.replace("Bearer ", ""));
    expect(seen).toEqual(row.expect.keys);
    expect(JSON.stringify(body)).not.toContain(INLINE);
    expect(JSON.stringify(body)).not.toContain(ORG);

    if ("error" in row.expect) {
      expect(res.status).toBe(row.expect.error);
      expect(body.error?.code).toBe(row.expect.code);
      expect(h.events.every((e) => e.status === "upstream_error" && e.amountBilled === "0.0000000000")).toBe(true);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("x-switchyard-key-source")).toBe(row.expect.source);
    expect(res.headers.get("x-switchyard-attempts")).toBe(String(row.expect.keys.length));
    if (row.failing?.[ORG] === 401 && row.expect.source === "credits") expect(res.headers.get("x-switchyard-byok-error")).toBe("key_rejected:openai");
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event.keySource).toBe(row.expect.source);
    expect(event.attempts).toBe(row.expect.keys.length);
    const total = new Decimal(event.cost.total);
    expect(total.greaterThan(0)).toBe(true);
    if (row.expect.source === "credits") {
      expect(event.amountBilled).toBe(total.toFixed(10));
      expect(new Decimal(event.markup).isZero()).toBe(true);
      expect(body.usage).toMatchObject({ key_source: "credits", is_byok: false });
    } else {
      expect(event.markup).toBe(total.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP));
      expect(event.amountBilled).toBe(event.markup);
      expect(body.usage).toMatchObject({ key_source: "byok", is_byok: true });
    }
  });
});
