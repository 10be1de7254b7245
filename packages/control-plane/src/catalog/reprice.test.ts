// Price corrections: setting or deleting an override whose effectiveFrom has passed enqueues
// one re-pricing job, named in the change's audit entry, inside the same transaction; a future
// one enqueues nothing; when Redis does not take the job the change is not saved. End to end,
// the worker then re-prices the usage billed in the corrected range.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma } from "@switchyard/db";
import { createRepriceQueue, type RepriceJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { ingestBatch, startRepriceWorker } from "@switchyard/worker/testing";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

const failing = vi.hoisted(() => ({ enqueue: false }));
vi.mock("@switchyard/queue", async (importOriginal) => {
  const original = await importOriginal<typeof import("@switchyard/queue")>();
  return { ...original, enqueueReprice: (...args: Parameters<typeof original.enqueueReprice>) => (failing.enqueue ? Promise.reject(new Error("redis down")) : original.enqueueReprice(...args)) };
});

let h: ControlPlaneHarness;
let operator: TestUser;
let queue: ReturnType<typeof createRepriceQueue>;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  operator = await h.user({ operator: true });
  queue = createRepriceQueue(h.deps.redis as never, h.deps.redisPrefix);
}, 60_000);

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await h.close();
});

const SET = `mutation($input: SetPriceOverrideInput!) { setPriceOverride(input: $input) { __typename ... on MutationSetPriceOverrideSuccess { data { id } } } }`;
const DELETE = `mutation($id: ID!) { deletePriceOverride(id: $id) { __typename } }`;

async function set(input: Record<string, unknown>): Promise<{ typename: string; id?: string; errors?: unknown }> {
  const res = await h.gql<{ setPriceOverride: { __typename: string; data?: { id: string } } | null }>(SET, { input }, operator);
  return { typename: res.data?.setPriceOverride?.__typename ?? "error", ...(res.data?.setPriceOverride?.data ? { id: res.data.setPriceOverride.data.id } : {}), ...(res.errors ? { errors: res.errors } : {}) };
}

async function repriceJobIdOf(overrideId: string, action: string): Promise<string | null> {
  const entry = await h.db.prisma.auditLog.findFirstOrThrow({ where: { targetId: overrideId, action }, orderBy: { createdAt: "desc" } });
  return (entry.metadata as { repriceJobId: string | null }).repriceJobId;
}

describe("price corrections", () => {
  it("a past effectiveFrom enqueues one job named in the audit entry; a future one enqueues none", async () => {
    const base = { providerId: "groq", model: "gpt-oss-20b", inputPerMTok: "0.1", outputPerMTok: "0.4" };
    const past = await set({ ...base, effectiveFrom: "2026-02-01T00:00:00.000Z" });
    const jobId = await repriceJobIdOf(past.id!, "price_override.set");
    expect(jobId).toMatch(new RegExp(`^reprice-${past.id}-[0-9a-z]{16}$`));
    const job = await queue.getJob(jobId!);
    expect(job?.data).toMatchObject<Partial<RepriceJob>>({ overrideId: past.id!, action: "set", providerId: "groq", model: "gpt-oss-20b", from: "2026-02-01T00:00:00.000Z", actorId: operator.id });

    const future = await set({ ...base, effectiveFrom: new Date(Date.now() + 86_400_000).toISOString() });
    expect(await repriceJobIdOf(future.id!, "price_override.set")).toBeNull();

    expect((await h.gql<{ deletePriceOverride: { __typename: string } }>(DELETE, { id: past.id }, operator)).data.deletePriceOverride.__typename).toBe("MutationDeletePriceOverrideSuccess");
    const deleteJob = await queue.getJob((await repriceJobIdOf(past.id!, "price_override.delete"))!);
    expect(deleteJob?.data).toMatchObject({ overrideId: past.id, action: "delete", from: "2026-02-01T00:00:00.000Z" });
    await h.gql(DELETE, { id: future.id }, operator);
    expect(await repriceJobIdOf(future.id!, "price_override.delete")).toBeNull();
    expect((await queue.getJobs(["waiting", "delayed", "active", "completed", "failed"])).filter((j) => j.data.model === "gpt-oss-20b")).toHaveLength(2);
  });

  it("when Redis does not take the job, the correction is not saved", async () => {
    failing.enqueue = true;
    try {
      const res = await set({ providerId: "together", model: "gpt-oss-120b", inputPerMTok: "1", outputPerMTok: "1", effectiveFrom: "2026-02-01T00:00:00.000Z" });
      expect(res.typename).toBe("error");
      expect(await h.db.prisma.modelPriceOverride.count({ where: { providerId: "together" } })).toBe(0);
      expect(await h.db.prisma.auditLog.count({ where: { action: "price_override.set", metadata: { path: ["providerId"], equals: "together" } } })).toBe(0);
    } finally {
      failing.enqueue = false;
    }
  });

  it("end to end: the worker re-prices the usage billed in the corrected range", async () => {
    await h.db.prisma.organization.create({ data: { id: "org_rp", name: "rp", balance: { create: { balance: new Prisma.Decimal(1) } } } });
    // groq/gpt-oss-120b at the catalog's 0.15/0.60 per MTok, no margin: 1000 + 500 tokens = 0.00045.
    const at = (createdAt: string) => sampleUsageEvent("org_rp", "0.00045", { providerId: "groq", model: "gpt-oss-120b", promptTokens: 1000, completionTokens: 500, createdAt, cost: { input: "0.00015", cachedInput: "0", output: "0.0003", reasoning: "0", request: "0", total: "0.00045" } });
    const [inside, before] = [at("2026-03-02T00:00:00.000Z"), at("2026-02-28T12:00:00.000Z")];
    await ingestBatch(h.db.prisma, [inside, before]);
    const worker = startRepriceWorker({ prisma: h.db.prisma, redis: h.deps.redis, prefix: h.deps.redisPrefix, logger: h.deps.logger, rates: { creditsMargin: "0", byokMarkup: "0.05" } });
    try {
      const saved = await set({ providerId: "groq", model: "gpt-oss-120b", inputPerMTok: "0.25", outputPerMTok: "1", effectiveFrom: "2026-03-01T00:00:00.000Z" });
      const jobId = (await repriceJobIdOf(saved.id!, "price_override.set"))!;
      await expect.poll(async () => (await queue.getJob(jobId))?.returnvalue, { timeout: 15_000, interval: 200 }).toMatchObject({ status: "done", totals: { repriced: 1, net: "-0.0003" } });
      const billed = async (requestId: string) => (await h.db.prisma.usageEvent.findUniqueOrThrow({ where: { requestId } })).amountBilled.toFixed(10);
      expect([await billed(inside.requestId), await billed(before.requestId)]).toEqual(["0.0007500000", "0.0004500000"]);
      expect((await h.db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_rp" } })).balance.toFixed(10)).toBe("0.9988000000");
      expect(await h.db.prisma.auditLog.count({ where: { action: "prices.reprice", targetId: saved.id! } })).toBe(1);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
