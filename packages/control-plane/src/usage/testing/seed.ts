// Usage fixtures for the analytics, request-log and feed tests: an organization with two
// projects, three API keys, two providers and models, both payers and an upstream error over
// four UTC hours across two days, billed by the worker's own ingest (events, ledger, rollups).
import { newId } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";
import type { UsageEventJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { ingestBatch } from "@switchyard/worker/testing";

export interface Seeded {
  orgId: string;
  p1: string;
  p2: string;
  k1: string;
  k2: string;
  k3: string;
  /** In the order of `usage.events` below (oldest first). */
  events: UsageEventJob[];
}

export async function createOrg(prisma: PrismaClient, name = "Acme"): Promise<string> {
  const id = newId("org");
  await prisma.organization.create({ data: { id, name, balance: { create: { balance: new Prisma.Decimal(100) } } } });
  return id;
}

export async function createProject(prisma: PrismaClient, organizationId: string, name: string): Promise<string> {
  const id = newId("prj");
  await prisma.project.create({ data: { id, organizationId, name } });
  return id;
}

export async function createKey(prisma: PrismaClient, organizationId: string, projectId: string, name: string): Promise<string> {
  const id = newId("key");
  await prisma.apiKey.create({ data: { id, organizationId, projectId, name, prefix: `sy-${id}`, secretHash: "x", last4: "abcd" } });
  return id;
}

interface Spec {
  at: string;
  project: "p1" | "p2";
  key: "k1" | "k2" | "k3";
  provider: string;
  model: string;
  keySource: "credits" | "byok";
  prompt: number;
  completion: number;
  cached?: number;
  reasoning?: number;
  cost: string;
  markup?: string;
  latency: number;
  status?: UsageEventJob["status"];
}

const SPECS: Spec[] = [
  { at: "2025-06-30T22:10:00.000Z", project: "p1", key: "k1", provider: "openai", model: "gpt-4o-mini", keySource: "credits", prompt: 100, completion: 20, cached: 10, cost: "0.001", latency: 100 },
  { at: "2025-06-30T22:40:00.000Z", project: "p1", key: "k1", provider: "openai", model: "gpt-4o-mini", keySource: "credits", prompt: 200, completion: 40, cost: "0.002", latency: 300 },
  { at: "2025-06-30T23:05:00.000Z", project: "p1", key: "k3", provider: "openai", model: "gpt-4o-mini", keySource: "byok", prompt: 50, completion: 10, cost: "0.0005", markup: "0.000025", latency: 200 },
  { at: "2025-07-01T00:15:00.000Z", project: "p2", key: "k2", provider: "anthropic", model: "claude-3-5-haiku", keySource: "byok", prompt: 300, completion: 60, reasoning: 30, cost: "0.003", markup: "0.00015", latency: 400 },
  { at: "2025-07-01T00:45:00.000Z", project: "p2", key: "k2", provider: "anthropic", model: "claude-3-5-haiku", keySource: "credits", prompt: 0, completion: 0, cost: "0", latency: 50, status: "upstream_error" },
  { at: "2025-07-01T01:30:00.000Z", project: "p2", key: "k2", provider: "openai", model: "gpt-4o-mini", keySource: "credits", prompt: 1000, completion: 100, cached: 500, cost: "0.0100000001", latency: 150 },
];

export function usageEvent(organizationId: string, projectId: string, apiKeyId: string, s: Omit<Spec, "project" | "key">): UsageEventJob {
  const markup = s.markup ?? "0";
  const failed = s.status !== undefined && s.status !== "success";
  return sampleUsageEvent(organizationId, s.cost, {
    projectId,
    apiKeyId,
    providerId: s.provider,
    model: s.model,
    upstreamModel: s.model,
    keySource: s.keySource,
    promptTokens: s.prompt,
    completionTokens: s.completion,
    cachedTokens: s.cached ?? 0,
    reasoningTokens: s.reasoning ?? 0,
    markup,
    amountBilled: s.keySource === "credits" ? s.cost : markup,
    latencyMs: s.latency,
    timeToFirstTokenMs: failed ? null : Math.round(s.latency / 2),
    status: s.status ?? "success",
    httpStatus: failed ? 502 : 200,
    errorCode: failed ? "upstream_error" : null,
    createdAt: s.at,
  });
}

/** The fixture organization, billed through the worker's ingest in two batches. */
export async function seedUsage(prisma: PrismaClient): Promise<Seeded> {
  const orgId = await createOrg(prisma);
  const p1 = await createProject(prisma, orgId, "One");
  const p2 = await createProject(prisma, orgId, "Two");
  const ids = { p1, p2, k1: await createKey(prisma, orgId, p1, "k1"), k2: await createKey(prisma, orgId, p2, "k2"), k3: await createKey(prisma, orgId, p1, "k3") };
  const events = SPECS.map((s) => usageEvent(orgId, ids[s.project], ids[s.key], s));
  await ingestBatch(prisma, events.slice(0, 3));
  await ingestBatch(prisma, events.slice(3));
  // Another tenant's usage in the same hours must never show.
  const other = await createOrg(prisma, "Other");
  const otherProject = await createProject(prisma, other, "Theirs");
  await ingestBatch(prisma, [usageEvent(other, otherProject, "key_other", { ...SPECS[0]!, cost: "5" })]);
  return { orgId, ...ids, events };
}
