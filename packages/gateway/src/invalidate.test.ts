// Changes made elsewhere reach a gateway's caches at once over Redis pub/sub.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
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

const keyInfo = (apiKey: string) => fetch(`${h.url}/v1/key`, { headers: { authorization: `Bearer ${apiKey}` } });
const chat = (apiKey: string) =>
  fetch(`${h.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }),
  });

it("a revoked key stops working as soon as the revocation is published", async () => {
  const apiKey = await h.project("credits");
  expect((await keyInfo(apiKey)).status).toBe(200);
  const id = apiKey.split("-")[1]!;
  await h.db.prisma.apiKey.update({ where: { id }, data: { status: "revoked" } });
  expect((await keyInfo(apiKey)).status).toBe(200); // still cached
  await publishInvalidation(redis, prefix, { type: "api-key", id });
  await expect.poll(async () => (await keyInfo(apiKey)).status, { timeout: 2000 }).toBe(401);
});

it("a project's new mode and an organization's new balance apply at once", async () => {
  const apiKey = await h.project("credits");
  expect((await chat(apiKey)).status).toBe(200);
  const project = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.split("-")[1]! } });
  await h.db.prisma.project.update({ where: { id: project.projectId }, data: { mode: "byok" } });
  await publishInvalidation(redis, prefix, { type: "project", id: project.projectId });
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  await expect.poll(async () => (await chat(apiKey)).status, { timeout: 2000 }).toBe(400); // byok without a key

  const credits = await h.project("credits");
  expect((await chat(credits)).status).toBe(200);
  await h.db.prisma.creditBalance.update({ where: { organizationId: h.orgId }, data: { balance: new Prisma.Decimal(0) } });
  await publishInvalidation(redis, prefix, { type: "organization", id: h.orgId });
  await expect.poll(async () => (await chat(credits)).status, { timeout: 2000 }).toBe(402);
});
