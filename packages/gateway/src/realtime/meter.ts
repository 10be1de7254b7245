// Billing of one realtime session: every `response.done` with usage becomes one usage event
// (endpoint "realtime", request id `<session id>.<response id>`: BullMQ job ids may not hold
// ":"), so each response is billed exactly once however often it is seen, priced at the moment
// it finished with the metering's Decimal path (audio tokens at their own prices). Responses that started (response.created)
// and never reported usage are recorded at the end as zero-token events (nothing billed), marked
// estimated, so the request log shows them.
import type { NormalizedUsage } from "@switchyard/metering";
import type { UsageStatus } from "@switchyard/queue";
import type { Attempt } from "../chat/plan.ts";
import type { ChatDeps } from "../chat/run.ts";
import type { ResolvedKey } from "../key-cache.ts";
import { ZERO_USAGE } from "../chat/meter.ts";
import { pricedEvent } from "../endpoints/usage-event.ts";
import { realtimeUsage } from "./usage.ts";

const RESPONSE_ID = /^[\w.-]{1,96}$/;

export interface SessionMeterInput {
  deps: ChatDeps;
  key: ResolvedKey;
  sessionId: string;
  attempt: Attempt;
  attempts: number;
}

export interface SessionMeter {
  readonly billed: number;
  /** Responses that started and have not reported usage yet. */
  readonly pending: number;
  started(response: Record<string, unknown>): void;
  /** Bills a response.done once; true when this call billed it (and it cost something). */
  done(response: Record<string, unknown>): boolean;
  /** Called once when the pending set becomes empty (for the close grace). */
  onSettled(listener: () => void): void;
  /** Records the responses that never reported usage. */
  finish(status: UsageStatus, httpStatus: number): void;
  /** The session never started (every attempt failed): one unbilled event with the session's id. */
  failed(httpStatus: number, errorCode: string): void;
}

export function createSessionMeter(input: SessionMeterInput): SessionMeter {
  const { deps, key, sessionId, attempt, attempts } = input;
  const startedAt = new Map<string, number>();
  const billed = new Set<string>();
  let anonymous = 0;
  let settled: (() => void) | undefined;
  const sessionStart = performance.now();

  const idOf = (response: Record<string, unknown>): string => (typeof response.id === "string" && RESPONSE_ID.test(response.id) ? response.id : `response-${++anonymous}`);

  async function emit(responseId: string | null, usage: NormalizedUsage, outcome: { status: UsageStatus; httpStatus: number; errorCode: string | null }): Promise<void> {
    const book = await deps.prices.load();
    const started = (responseId !== null && startedAt.get(responseId)) || sessionStart;
    const requestId = responseId === null ? sessionId : `${sessionId}.${responseId}`;
    const latencyMs = Math.round(performance.now() - started);
    deps.sink.emit(pricedEvent({ requestId, endpoint: "realtime", key, attempt, attempts, usage, at: new Date(), book, rates: deps.rates, latencyMs, outcome }).event);
  }

  const settle = () => {
    if (startedAt.size > 0 || !settled) return;
    const listener = settled;
    settled = undefined;
    listener();
  };

  return {
    get billed() {
      return billed.size;
    },
    get pending() {
      return startedAt.size;
    },
    started(response) {
      const id = idOf(response);
      if (!billed.has(id) && !startedAt.has(id)) startedAt.set(id, performance.now());
    },
    done(response) {
      const id = idOf(response);
      if (billed.has(id)) return false;
      const usage = realtimeUsage(response.usage);
      billed.add(id);
      const status = response.status === "cancelled" ? "client_abort" : response.status === "failed" ? "upstream_error" : "success";
      const httpStatus = status === "success" ? 200 : status === "client_abort" ? 499 : 502;
      void emit(id, usage ?? { ...ZERO_USAGE, estimated: true }, { status, httpStatus, errorCode: null })
        .catch((error: unknown) => deps.logger.error({ requestId: `${sessionId}.${id}`, err: String(error) }, "could not bill a realtime response"))
        .finally(() => {
          startedAt.delete(id);
          settle();
        });
      return usage !== null && usage.promptTokens + usage.completionTokens > 0;
    },
    onSettled(listener) {
      settled = listener;
      settle();
    },
    finish(status, httpStatus) {
      for (const id of [...startedAt.keys()]) {
        if (billed.has(id)) continue;
        billed.add(id);
        void emit(id, { ...ZERO_USAGE, estimated: true }, { status, httpStatus, errorCode: status === "upstream_error" ? "upstream_disconnected" : null }).catch(() => {});
      }
      startedAt.clear();
    },
    failed(httpStatus, errorCode) {
      void emit(null, ZERO_USAGE, { status: "upstream_error", httpStatus, errorCode }).catch(() => {});
    },
  };
}
