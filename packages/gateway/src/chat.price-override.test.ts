// An operator price override, once published, prices the next request: in the client's `usage`
// and in the usage event the worker bills from.
import { Decimal } from "decimal.js";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, newId, randomToken } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import { publishInvalidation, subscribeInvalidations } from "@switchyard/runtime";
import { applyInvalidation } from "./invalidate.ts";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let redis: Redis;
let unsubscribe: () => Promise<void>;
const prefix = `test-${randomToken(8)}`;

beforeAll(async () => {
  h = await startHarness();
  redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  unsubscribe = await subscribeInvalidations(redis, prefix, createLogger({ level: "silent" }), (m) => applyInvalidation(h.caches, m));
}, 60_000);
afterAll(async () => {
  await unsubscribe();
  redis.disconnect();
  await h.close();
});

async function chat(apiKey: string): Promise<{ usage: { prompt_tokens: number; completion_tokens: number; cost_usd_total: number }; total: Decimal }> {
  const before = h.events.length;
  const res = await fetch(`${h.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "price me" }] }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { usage: { prompt_tokens: number; completion_tokens: number; cost_usd_total: number } };
  await expect.poll(() => h.events.length).toBe(before + 1);
  return { usage: body.usage, total: new Decimal(h.events[before]!.cost.total) };
}

const costAt = (u: { prompt_tokens: number; completion_tokens: number }, input: string, output: string) =>
  new Decimal(input).times(u.prompt_tokens).plus(new Decimal(output).times(u.completion_tokens)).div(1_000_000);

it("prices requests with the override in effect once the override is published", async () => {
  const apiKey = await h.project("credits");
  const catalog = await chat(apiKey);
  expect(catalog.usage.prompt_tokens).toBeGreaterThan(0);
  expect(catalog.total.equals(costAt(catalog.usage, "0.15", "0.60"))).toBe(true);

  const row = { providerId: "openai", model: "gpt-4o-mini", inputPerMTok: new Prisma.Decimal("10"), outputPerMTok: new Prisma.Decimal("20") };
  await h.db.prisma.modelPriceOverride.create({ data: { id: newId("prc"), ...row, effectiveFrom: new Date(Date.now() - 1000) } });
  await h.db.prisma.modelPriceOverride.create({ data: { id: newId("prc"), ...row, inputPerMTok: new Prisma.Decimal("99"), effectiveFrom: new Date(Date.now() + 3_600_000) } });
  // Cached until the control plane says prices changed.
  expect((await chat(apiKey)).total.equals(catalog.total)).toBe(true);

  await publishInvalidation(redis, prefix, { type: "prices" });
  await expect.poll(async () => (await chat(apiKey)).total.equals(costAt(catalog.usage, "10", "20")), { timeout: 2000 }).toBe(true);
  const overridden = await chat(apiKey);
  expect(overridden.total.equals(costAt(overridden.usage, "10", "20"))).toBe(true);
  expect(new Decimal(overridden.usage.cost_usd_total).equals(overridden.total.toDecimalPlaces(10))).toBe(true);

  const models = (await (await fetch(`${h.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as {
    data: Array<{ id: string; providers: Array<{ id: string; pricing: { input_per_mtok: string } | null }> }>;
  };
  const offering = models.data.find((m) => m.id === "gpt-4o-mini")!.providers.find((p) => p.id === "openai")!;
  expect(offering.pricing?.input_per_mtok).toBe("10");
});
