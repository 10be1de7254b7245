// Provider-key health: re-validate active keys when they are due, count authentication failures
// in a row, and after `failuresBeforeInvalid` of them mark the key invalid, write an audit entry
// and publish the change so every gateway stops using it at once.
import { defineOpenAICompatible } from "@switchyard/catalog";
import { newId, type Logger } from "@switchyard/core";
import type { PrismaClient, ProviderKeyModel } from "@switchyard/db";
import type { KeyCheck, KeyValidator } from "@switchyard/key-check";
import { publishInvalidation } from "@switchyard/runtime";
import { decryptSecret, type Keyring } from "@switchyard/vault";
import type { Redis } from "ioredis";
import { nextCheckAt, type CheckOutcome } from "./schedule.ts";

const CUSTOM = "custom:";

export interface KeyHealthDeps {
  prisma: PrismaClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  keyring: Keyring;
  validateKey: KeyValidator;
  settings: { intervalMinutes: number; failuresBeforeInvalid: number };
}

export interface SweepResult {
  checked: number;
  ok: number;
  authFailures: number;
  invalidated: number;
}

/** Checks up to `limit` due keys, a few at a time. */
export async function checkDueKeys(deps: KeyHealthDeps, now = new Date(), limit = 100): Promise<SweepResult> {
  const due = await deps.prisma.providerKey.findMany({
    where: { status: "active", OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] },
    orderBy: { nextCheckAt: { sort: "asc", nulls: "first" } },
    take: limit,
  });
  const result: SweepResult = { checked: 0, ok: 0, authFailures: 0, invalidated: 0 };
  for (let i = 0; i < due.length; i += 4) {
    await Promise.all(due.slice(i, i + 4).map(async (key) => tally(result, await checkKey(deps, key, now))));
  }
  return result;
}

function tally(result: SweepResult, outcome: CheckOutcome | "invalidated"): void {
  result.checked += 1;
  if (outcome === "ok") result.ok += 1;
  if (outcome === "auth_failure" || outcome === "invalidated") result.authFailures += 1;
  if (outcome === "invalidated") result.invalidated += 1;
}

async function validate(deps: KeyHealthDeps, key: ProviderKeyModel): Promise<KeyCheck> {
  const secret = decryptSecret(deps.keyring, { organizationId: key.organizationId, recordId: key.id, providerId: key.providerId }, key);
  if (key.providerId.startsWith(CUSTOM)) {
    const custom = await deps.prisma.customProvider.findUnique({ where: { organizationId_slug: { organizationId: key.organizationId, slug: key.providerId.slice(CUSTOM.length) } } });
    if (!custom) return { ok: false, reason: "unsupported_provider", message: "The custom provider no longer exists.", upstreamStatus: null };
    const definition = defineOpenAICompatible({ id: key.providerId, name: custom.name, baseUrl: custom.baseUrl, docsUrl: custom.baseUrl });
    return deps.validateKey({ kind: "model", providerId: key.providerId, secret, custom: definition });
  }
  const baseUrl = (key.config as { baseUrl?: unknown } | null)?.baseUrl;
  return deps.validateKey({ kind: key.kind, providerId: key.providerId, secret, ...(typeof baseUrl === "string" ? { baseUrl } : {}) });
}

export async function checkKey(deps: KeyHealthDeps, key: ProviderKeyModel, now: Date): Promise<CheckOutcome | "invalidated"> {
  let check: KeyCheck;
  try {
    check = await validate(deps, key);
  } catch (error) {
    deps.logger.error({ providerKeyId: key.id, err: (error as Error).message }, "key health check could not run");
    check = { ok: false, reason: "upstream_error", message: "The check could not run.", upstreamStatus: null };
  }
  const outcome: CheckOutcome = check.ok ? "ok" : check.reason === "invalid_key" || check.reason === "forbidden" ? "auth_failure" : "inconclusive";
  const next = nextCheckAt(now, outcome, deps.settings.intervalMinutes, key.id);
  if (outcome === "ok") {
    await deps.prisma.providerKey.update({ where: { id: key.id }, data: { authFailures: 0, validatedAt: now, nextCheckAt: next, lastError: null } });
    return outcome;
  }
  if (outcome === "inconclusive") {
    await deps.prisma.providerKey.update({ where: { id: key.id }, data: { nextCheckAt: next } });
    return outcome;
  }
  const failures = key.authFailures + 1;
  const lastError = check.ok ? null : check.message.slice(0, 500);
  if (failures < deps.settings.failuresBeforeInvalid) {
    await deps.prisma.providerKey.update({ where: { id: key.id }, data: { authFailures: failures, nextCheckAt: next, lastError } });
    return outcome;
  }
  // Only an active key is invalidated (a user may have changed it since it was read).
  const changed = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.providerKey.updateMany({ where: { id: key.id, status: "active" }, data: { status: "invalid", authFailures: failures, nextCheckAt: null, lastError } });
    if (count === 0) return false;
    await tx.auditLog.create({
      data: {
        id: newId("aud"),
        organizationId: key.organizationId,
        actorType: "system",
        actorId: null,
        action: "provider_key.invalidate",
        targetType: "provider_key",
        targetId: key.id,
        metadata: { providerId: key.providerId, failures, reason: check.ok ? "" : check.reason },
      },
    });
    return true;
  });
  if (!changed) return outcome;
  deps.logger.warn({ providerKeyId: key.id, organizationId: key.organizationId, providerId: key.providerId, failures }, "provider key marked invalid after repeated authentication failures");
  await publishInvalidation(deps.redis, deps.prefix, { type: "organization", id: key.organizationId }).catch((error: Error) =>
    deps.logger.warn({ err: error.message }, "could not publish a key invalidation"),
  );
  return "invalidated";
}
