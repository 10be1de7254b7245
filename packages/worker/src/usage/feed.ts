// After a batch commits, its events go out on the live request feed (control-plane
// subscriptions). A failed publish is logged, never fatal: the feed is a convenience, billing
// and the request log already have the events.
import type { Logger } from "@switchyard/core";
import type { UsageEventJob } from "@switchyard/queue";
import { publishCompletedRequests, type CompletedRequest } from "@switchyard/runtime";
import type { Redis } from "ioredis";

export function completedRequest(e: UsageEventJob): CompletedRequest {
  return {
    requestId: e.requestId,
    organizationId: e.organizationId,
    projectId: e.projectId,
    apiKeyId: e.apiKeyId,
    providerId: e.providerId,
    model: e.model,
    endpoint: e.endpoint,
    keySource: e.keySource,
    status: e.status,
    httpStatus: e.httpStatus,
    errorCode: e.errorCode,
    promptTokens: e.promptTokens,
    completionTokens: e.completionTokens,
    cachedTokens: e.cachedTokens,
    reasoningTokens: e.reasoningTokens,
    usageEstimated: e.usageEstimated,
    costTotal: e.cost.total,
    markup: e.markup,
    amountBilled: e.amountBilled,
    latencyMs: e.latencyMs,
    timeToFirstTokenMs: e.timeToFirstTokenMs,
    attempts: e.attempts,
    createdAt: e.createdAt,
  };
}

export async function publishIngested(redis: Redis, prefix: string, logger: Logger, events: readonly UsageEventJob[]): Promise<void> {
  try {
    await publishCompletedRequests(redis, prefix, events.map(completedRequest));
  } catch (error) {
    logger.warn({ err: (error as Error).message, count: events.length }, "could not publish completed requests to the live feed");
  }
}
