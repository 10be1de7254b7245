// Billing of one realtime session: every `response.done` with usage becomes one usage event
// (endpoint "realtime", request id `<session id>.<response id>`, the id made safe for BullMQ job
// ids by billing-id.ts), so each response is billed exactly once however often it is seen, priced at the moment
// it finished with the metering's Decimal path (audio tokens at their own prices). Pricing is
// synchronous (with the price overrides loaded when the session started, refreshed after each
// response), so the relay can put the cost fields into the response.done it passes on without
// reordering frames. Responses that started (response.created) and never reported usage are
// billed at the end on an estimate of what the relay passed on (progress.ts) and of the
// conversation they started with (input.ts), marked estimated.
import { effectivePrice, type PriceBook } from "@switchyard/catalog";
import type { NormalizedUsage, UsageResponseFields } from "@switchyard/metering";
import type { UsageStatus } from "@switchyard/queue";
import type { Attempt } from "../chat/plan.ts";
import type { Candidate } from "../chat/resolve-model.ts";
import type { ChatDeps } from "../chat/run.ts";
import type { ResolvedKey } from "../key-cache.ts";
import { ZERO_USAGE } from "../chat/meter.ts";
import { transcriptionUsage } from "../endpoints/audio/transcription-usage.ts";
import { pricedEvent } from "../endpoints/usage-event.ts";
import { billingKey, requestIdPart } from "./billing-id.ts";
import { ConversationInput } from "./input.ts";
import { audioBytesPerSecond, type OutputDelta, ResponseProgress } from "./progress.ts";
import { realtimeUsage } from "./usage.ts";

export interface SessionMeterInput {
  deps: ChatDeps;
  key: ResolvedKey;
  sessionId: string;
  attempt: Attempt;
  attempts: number;
  /** The price overrides in effect when the session started. */
  book: PriceBook;
  /** The catalog's candidate for a transcription model on the session's provider, if it has one. */
  transcriptionCandidate(model: string): Candidate | undefined;
}

/** How a usage event records the end of what it bills. */
export interface UsageOutcome {
  status: UsageStatus;
  httpStatus: number;
  errorCode: string | null;
}

/** A response the client cancelled, or that ended because the client left. */
export const CLIENT_ABORT: UsageOutcome = { status: "client_abort", httpStatus: 499, errorCode: null };
const SUCCESS: UsageOutcome = { status: "success", httpStatus: 200, errorCode: null };

export interface DoneBilling {
  /** Whether this response (or transcription) cost something (credits sessions then check the balance). */
  charged: boolean;
  /** The cost fields for the response's `usage` object, as chat adds them to its usage. */
  fields: UsageResponseFields;
}

export interface SessionMeter {
  readonly billed: number;
  /** Responses that started and have not reported usage yet. */
  readonly pending: number;
  /** The session's input estimate, fed the client's and the upstream's input frames. */
  readonly input: ConversationInput;
  started(response: Record<string, unknown>): void;
  /** Text or audio a running response produced (for the estimate if it never reports usage). */
  progress(delta: OutputDelta): void;
  /** Bills a response.done once; undefined when it was billed before. */
  done(response: Record<string, unknown>): DoneBilling | undefined;
  /** Called once when the pending set becomes empty (for the close grace). */
  onSettled(listener: () => void): void;
  /** Bills a completed input audio transcription with usage at the transcription model's prices (once per item and part); undefined when it was billed before or cannot be. */
  transcribed(model: string, itemId: string, contentIndex: number, usage: Record<string, unknown>): DoneBilling | undefined;
  /**
   * How the session ends (the client left, the upstream dropped, or the gateway cut it off):
   * responses cancelled from now on, and those finish() estimates, are recorded with this outcome.
   */
  ending(outcome: UsageOutcome): void;
  /** Bills the responses that never reported usage, on an estimate of what they produced, with the ending's outcome (a client abort unless told otherwise). */
  finish(): void;
}

export function createSessionMeter(input: SessionMeterInput): SessionMeter {
  const { deps, key, sessionId, attempt, attempts } = input;
  let book = input.book;
  const running = new Map<string, ResponseProgress>();
  const conversation = new ConversationInput();
  const billed = new Set<string>();
  let anonymous = 0;
  let settled: (() => void) | undefined;
  let endOutcome: UsageOutcome | undefined;
  const sessionStart = performance.now();

  /** A response without an id can be billed, not matched: a fresh key each time. */
  const idOf = (response: Record<string, unknown>): string => (typeof response.id === "string" && response.id !== "" ? billingKey(response.id) : `response-${++anonymous}`);
  const requestIdOf = (id: string) => `${sessionId}.${requestIdPart(id)}`;

  /** Prices and emits one usage event; a transcription passes its own model's candidate, time and latency. */
  function emit(id: string, usage: NormalizedUsage, outcome: UsageOutcome, own: { candidate: Candidate; at: Date; latencyMs: number } | undefined = undefined): UsageResponseFields {
    const latencyMs = own?.latencyMs ?? Math.round(performance.now() - (running.get(id)?.startedAt ?? sessionStart));
    const used = own ? { ...attempt, candidate: own.candidate } : attempt;
    const priced = pricedEvent({ requestId: requestIdOf(id), endpoint: "realtime", key, attempt: used, attempts, usage, at: own?.at ?? new Date(), book, rates: deps.rates, latencyMs, outcome });
    deps.sink.emit(priced.event);
    return priced.fields;
  }

  const settle = () => {
    if (running.size > 0 || !settled) return;
    const listener = settled;
    settled = undefined;
    listener();
  };

  return {
    get billed() {
      return billed.size;
    },
    get pending() {
      return running.size;
    },
    input: conversation,
    started(response) {
      const id = idOf(response);
      if (!billed.has(id) && !running.has(id)) running.set(id, new ResponseProgress(performance.now(), audioBytesPerSecond(response), conversation.estimate()));
    },
    progress(delta) {
      running.get(billingKey(delta.responseId))?.add(delta);
    },
    done(response) {
      const id = idOf(response);
      if (billed.has(id)) return undefined;
      billed.add(id);
      const usage = realtimeUsage(response.usage);
      if (usage) conversation.responded(usage);
      const outcome: UsageOutcome =
        response.status === "cancelled" ? (endOutcome ?? CLIENT_ABORT) : response.status === "failed" ? { status: "upstream_error", httpStatus: 502, errorCode: null } : SUCCESS;
      const final = usage ?? running.get(id)?.estimate() ?? { ...ZERO_USAGE, estimated: true };
      let fields: UsageResponseFields;
      try {
        fields = emit(id, final, outcome);
      } catch (error) {
        deps.logger.error({ requestId: requestIdOf(id), err: String(error) }, "could not bill a realtime response");
        return undefined;
      } finally {
        running.delete(id);
        settle();
      }
      // Overrides published meanwhile apply from the next response on.
      void deps.prices.load().then(
        (latest) => (book = latest),
        () => {},
      );
      return { charged: final.promptTokens + final.completionTokens > 0, fields };
    },
    onSettled(listener) {
      settled = listener;
      settle();
    },
    transcribed(model, itemId, contentIndex, usage) {
      const id = billingKey(`${itemId}.transcription-${contentIndex}`);
      if (billed.has(id)) return undefined;
      const candidate = input.transcriptionCandidate(model);
      if (!candidate) return void deps.logger.warn({ requestId: sessionId, model }, "realtime transcription model not in the catalog: not billed");
      billed.add(id);
      try {
        const at = new Date();
        const price = effectivePrice(candidate.offering, candidate.modelId, book, at)?.price;
        const normalized = transcriptionUsage(price, { usage }, { seconds: 0, estimated: true }, 0);
        const fields = emit(id, normalized, SUCCESS, { candidate, at, latencyMs: 0 });
        return { charged: normalized.promptTokens + normalized.completionTokens > 0 || (normalized.audioSeconds ?? 0) > 0, fields };
      } catch (error) {
        deps.logger.error({ requestId: requestIdOf(id), err: String(error) }, "could not bill a realtime transcription");
        return undefined;
      }
    },
    ending(outcome) {
      endOutcome ??= outcome;
    },
    finish() {
      for (const [id, progress] of running) {
        if (billed.has(id)) continue;
        billed.add(id);
        try {
          emit(id, progress.estimate(), endOutcome ?? CLIENT_ABORT);
        } catch (error) {
          deps.logger.error({ requestId: requestIdOf(id), err: String(error) }, "could not bill a realtime response");
        }
      }
      running.clear();
    },
  };
}

/** The session never started (every attempt failed): one unbilled event with the session's id. */
export async function billFailedSession(input: Omit<SessionMeterInput, "book" | "transcriptionCandidate">, httpStatus: number, errorCode: string): Promise<void> {
  const { deps, key, sessionId, attempt, attempts } = input;
  const book = await deps.prices.load();
  deps.sink.emit(pricedEvent({ requestId: sessionId, endpoint: "realtime", key, attempt, attempts, usage: ZERO_USAGE, at: new Date(), book, rates: deps.rates, latencyMs: 0, outcome: { status: "upstream_error", httpStatus, errorCode } }).event);
}
