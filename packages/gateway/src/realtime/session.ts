// One realtime session after the upgrade: the relay both ways (every frame unchanged but
// response.done and conversation.item.input_audio_transcription.completed, which get the cost
// fields in their usage), billing from those two (for responses that never report usage, an
// estimate from the relayed deltas and of their input from the input frames both ways, input.ts),
// and how it ends. Close codes (close-codes.ts):
// - the client closes → the upstream is closed with the client's code (1001 when it sent none
//   that may be passed on);
// - whenever the gateway closes the upstream, responses still running are cancelled first
//   (response.cancel) and their final response.done, which carries the usage of what was
//   produced, is awaited up to CANCEL_GRACE_MS and billed;
// - the upstream closes normally → the client gets the same code and reason;
// - the upstream drops (no close frame, 1006) or errs → an `error` event, then 1011;
// - no frame either way for the idle timeout → 4408 to the client, 1000 upstream;
// - a credits session whose organization has no credit left after a billed response or
//   transcription → an `error` event (insufficient_credits), then 4402;
// - the gateway shuts down → 1001 both ways.
// Responses cut off are recorded as client aborts when the client left, upstream errors
// (upstream_disconnected) when the upstream did, and by CUT_OFF when the gateway ended the session.
import { randomToken } from "@switchyard/core";
import type { RealtimeFrame } from "@switchyard/providers";
import { WebSocket } from "ws";
import { CLOSE, isSendable, reasonOf } from "./close-codes.ts";
import type { RealtimeDeps } from "./deps.ts";
import { CLIENT_ABORT, type DoneBilling, type SessionMeter, type UsageOutcome } from "./meter.ts";
import { flush, relay } from "./relay.ts";
import { frameHead, frameType } from "./frame-head.ts";
import { outputDelta } from "./progress.ts";
import { transcriptionEvent, withTranscriptionCost } from "./transcription.ts";
import { billingEvent, withCostFields } from "./usage.ts";

export const CANCEL_GRACE_MS = 5_000;

type GatewayEnd = "idle" | "credits" | "shutdown";

/** How responses the gateway itself cut off are recorded (cancelled, or estimated when no usage came). */
const CUT_OFF: Record<GatewayEnd, UsageOutcome> = {
  // No frame either way while a response ran: the upstream stalled.
  idle: { status: "upstream_error", httpStatus: 504, errorCode: "idle_timeout" },
  credits: { status: "client_error", httpStatus: 402, errorCode: "insufficient_credits" },
  // Neither the client's doing nor the provider's: a server-side end, named by its code.
  shutdown: { status: "upstream_error", httpStatus: 503, errorCode: "gateway_shutdown" },
};
const UPSTREAM_DROPPED: UsageOutcome = { status: "upstream_error", httpStatus: 502, errorCode: "upstream_disconnected" };

export interface SessionArgs {
  deps: RealtimeDeps;
  client: WebSocket;
  upstream: WebSocket;
  early: RealtimeFrame[];
  meter: SessionMeter;
  organizationId: string;
  /** Credits sessions are closed when the organization runs out of credit. */
  paidByCredits: boolean;
  sessionId: string;
  onEnd(): void;
}

export interface SessionStats {
  /** Bytes queued towards the client and not yet taken by its socket. */
  clientBuffered: number;
  /** Whether the upstream's socket is paused because the client is slow. */
  upstreamPaused: boolean;
}

export interface Session {
  /** Closes both sides (gateway shutdown). */
  shutdown(): void;
  stats(): SessionStats;
  ended: Promise<void>;
}

function errorEvent(type: string, code: string, message: string): string {
  return JSON.stringify({ type: "error", event_id: `event_${randomToken(20)}`, error: { type, code, message, param: null, event_id: null } });
}

export function startSession(args: SessionArgs): Session {
  const { deps, client, upstream, meter } = args;
  let ending = false;
  let clientClosed = false;
  let upstreamClosed = false;
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));

  const idle = setTimeout(() => end("idle"), deps.idleMs);
  const touch = () => {
    if (!ending) idle.refresh();
  };

  const fromUpstream = (frame: Buffer, isBinary: boolean): string | undefined => {
    touch();
    if (isBinary) return undefined;
    const head = frameHead(frame);
    const type = frameType(frame, head);
    if (type === undefined) return undefined;
    if (meter.pending > 0) {
      const delta = outputDelta(frame, head);
      if (delta) return void meter.progress(delta);
    }
    meter.input.upstream(frame, type);
    const event = billingEvent(frame, type);
    if (!event) return transcription(frame, type);
    if (event.type === "response.created") return void meter.started(event.response);
    const billing = billed(meter.done(event.response));
    return billing && withCostFields(event.event, event.response, billing.fields);
  };

  let transcriptionModel: string | null = null;
  const transcription = (frame: Buffer, type: string): string | undefined => {
    const event = transcriptionEvent(frame, type);
    if (event?.type === "session") {
      transcriptionModel = event.model;
      meter.input.session(event.session);
    }
    if (event?.type !== "completed" || transcriptionModel === null) return undefined;
    const billing = billed(meter.transcribed(transcriptionModel, event.itemId, event.contentIndex, event.usage));
    return billing && withTranscriptionCost(event.event, event.usage, billing.fields);
  };

  /** After each billing: a credits session checks that its organization has credit left. */
  const billed = (billing: DoneBilling | undefined): DoneBilling | undefined => {
    if (billing?.charged && args.paidByCredits) void checkCredit();
    return billing;
  };

  async function checkCredit(): Promise<void> {
    const ok = await deps.chat.balances.hasCredit(args.organizationId).catch(() => true);
    if (!ok && !ending) end("credits");
  }

  const closeClient = (code: number, reason: string, error?: string) => {
    if (client.readyState !== WebSocket.OPEN) return;
    if (error) client.send(error);
    client.close(code, reasonOf(reason));
  };
  const closeUpstream = (code: number, reason: string) => {
    if (upstream.readyState === WebSocket.OPEN || upstream.readyState === WebSocket.CONNECTING) upstream.close(isSendable(code) ? code : CLOSE.normal, reasonOf(reason));
  };

  /**
   * Closes the upstream once the responses still running have reported their usage: they are
   * cancelled (response.cancel) and their final response.done awaited, at most CANCEL_GRACE_MS.
   */
  const closeUpstreamAfterUsage = (code: number, reason: string) => {
    if (meter.pending === 0 || upstream.readyState !== WebSocket.OPEN) return closeUpstream(code, reason);
    upstream.send(JSON.stringify({ type: "response.cancel" }));
    const grace = setTimeout(() => closeUpstream(code, reason), CANCEL_GRACE_MS);
    meter.onSettled(() => {
      clearTimeout(grace);
      closeUpstream(code, reason);
    });
  };

  function end(why: GatewayEnd): void {
    if (ending) return;
    ending = true;
    meter.ending(CUT_OFF[why]);
    clearTimeout(idle);
    if (why === "idle") {
      closeClient(CLOSE.idleTimeout, "idle timeout");
      closeUpstreamAfterUsage(CLOSE.normal, "idle timeout");
    } else if (why === "credits") {
      closeClient(CLOSE.creditsExhausted, "credits exhausted", errorEvent("insufficient_quota", "insufficient_credits", "Your organization's credit balance is exhausted. Add credits to continue."));
      closeUpstreamAfterUsage(CLOSE.normal, "credits exhausted");
    } else {
      closeClient(CLOSE.goingAway, "gateway shutting down");
      closeUpstreamAfterUsage(CLOSE.goingAway, "gateway shutting down");
    }
  }

  const finished = () => {
    if (!clientClosed || !upstreamClosed) return;
    clearTimeout(idle);
    meter.finish();
    args.onEnd();
    resolveEnded();
  };

  client.on("close", (code) => {
    clientClosed = true;
    if (!ending) {
      ending = true;
      meter.ending(CLIENT_ABORT);
      clearTimeout(idle);
      closeUpstreamAfterUsage(isSendable(code) ? code : CLOSE.goingAway, "client closed");
    }
    finished();
  });
  upstream.on("close", (code, reason) => {
    upstreamClosed = true;
    if (!ending) {
      ending = true;
      meter.ending(UPSTREAM_DROPPED);
      clearTimeout(idle);
      if (isSendable(code) && code !== CLOSE.upstreamError) {
        closeClient(code, reason.toString("utf8"));
      } else {
        closeClient(CLOSE.upstreamError, "upstream error", errorEvent("server_error", "upstream_disconnected", "The upstream provider closed the realtime connection unexpectedly."));
      }
    }
    finished();
  });
  client.on("error", (error) => deps.logger.debug({ requestId: args.sessionId, err: error.message }, "realtime client socket error"));
  upstream.on("error", (error) => deps.logger.warn({ requestId: args.sessionId, err: error.message }, "realtime upstream socket error"));

  // The error's message only, never the frame (a client's audio or text): JSON.parse's messages quote their input.
  const onTapError = (error: unknown) => {
    const err = error instanceof SyntaxError ? error.name : error instanceof Error ? error.message : typeof error;
    deps.logger.error({ requestId: args.sessionId, err }, "realtime relay could not read a frame: passed on unchanged");
  };
  flush(args.early, client, fromUpstream, onTapError);
  const down = relay(upstream, client, fromUpstream, onTapError);
  relay(
    client,
    upstream,
    (frame, isBinary) => {
      touch();
      if (!isBinary) meter.input.client(frame);
    },
    onTapError,
  );

  return { shutdown: () => end("shutdown"), stats: () => ({ clientBuffered: client.bufferedAmount, upstreamPaused: down.paused }), ended };
}
