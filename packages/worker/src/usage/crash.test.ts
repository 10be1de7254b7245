// kill -9 the worker up to 20 times, each time mid-batch, while 5,000 usage events are billed (half in
// batch jobs as gateways queue them, half one job per event as older gateways did): afterwards
// every event is in the ledger exactly once and the balance, ledger, events and rollups agree.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { migrate, openDatabase, Prisma } from "@switchyard/db";
import { createTempDatabase, postgresAvailable, type TempDatabase } from "@switchyard/db/testing";
import { createUsageQueue, enqueueUsageBatch, usageJobOptions, type UsageEventJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { reconcile } from "./reconcile.ts";

const pgUp = await postgresAvailable();
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const child = join(dirname(fileURLToPath(import.meta.url)), "../testing/usage-worker-child.ts");
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

function startChild(databaseUrl: string, prefix: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", child, databaseUrl, redisUrl, prefix], { stdio: ["ignore", "pipe", "inherit"] });
  cleanup.push(async () => void proc.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    proc.stdout!.once("data", () => resolve(proc));
    proc.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

describe.runIf(pgUp)("crash safety", () => {
  it("bills 5,000 events exactly once across 20 kill -9s", async () => {
    const temp: TempDatabase = await createTempDatabase();
    cleanup.push(() => temp.drop());
    const db = await openDatabase({ databaseUrl: temp.url });
    cleanup.push(() => db.close());
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_c", name: "c", balance: { create: { balance: new Prisma.Decimal(100) } } } });
    const prefix = `test-${randomToken(8)}`;
    const url = new URL(redisUrl);
    const queue = createUsageQueue({ host: url.hostname, port: Number(url.port || 6379) }, prefix);
    cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));

    const events: UsageEventJob[] = Array.from({ length: 5000 }, (_, i) =>
      i % 2 ? sampleUsageEvent("org_c", "0.0001234") : sampleUsageEvent("org_c", "0.0001234", { keySource: "byok", markup: "0.00000617", amountBilled: "0.00000617" }),
    );
    for (let i = 0; i < 2500; i += 100) await enqueueUsageBatch(queue, events.slice(i, i + 100));
    await queue.addBulk(events.slice(2500).map((e) => ({ name: "usage", data: e, opts: { ...usageJobOptions, jobId: e.requestId } })));

    let killedMidWork = 0;
    for (let kill = 0; kill < 20; kill++) {
      const before = await db.prisma.usageEvent.count();
      if (before === events.length) break; // everything billed already: nothing left to interrupt
      const proc = await startChild(temp.url, prefix);
      // Kill while it is billing: once it has committed something, at a random moment after.
      const deadline = Date.now() + 10_000;
      while ((await db.prisma.usageEvent.count()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      proc.kill("SIGKILL");
      await new Promise((r) => proc.once("exit", r));
      if ((await db.prisma.usageEvent.count()) > before) killedMidWork += 1;
    }
    expect(killedMidWork).toBeGreaterThanOrEqual(5);
    await startChild(temp.url, prefix);
    await expect.poll(() => db.prisma.usageEvent.count(), { timeout: 60_000, interval: 500 }).toBe(5000);
    await expect.poll(() => queue.getJobCounts("failed", "waiting", "active", "delayed"), { timeout: 30_000 }).toMatchObject({ failed: 0, waiting: 0, active: 0, delayed: 0 });

    const billed = events.reduce((s, e) => s.plus(e.amountBilled), new Prisma.Decimal(0));
    const ledger = await db.prisma.creditLedgerEntry.aggregate({ _sum: { amount: true }, _count: true });
    expect(ledger._count).toBe(5000);
    expect(ledger._sum.amount!.negated().toString()).toBe(billed.toString());
    const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_c" } });
    expect(balance.balance.toString()).toBe(new Prisma.Decimal(100).minus(billed).toString());
    expect(await reconcile(db.prisma, createLogger({ level: "silent" }))).toEqual([]);
  }, 400_000);
});
