// GET /v1/realtime (and /api/v1/realtime) upgraded to a WebSocket relayed to the provider's
// realtime API. Everything that can fail does so before the client's upgrade completes, as a
// plain HTTP error in OpenAI's envelope: the key (401), the model (400/404), the mode and BYOK
// controls (x-byok-provider, x-use-byok, byok_conf in the query or x-byok-conf: 400/402), and the upstream connection, tried key by key
// (failover as chat). The 101 answer carries the x-switchyard-* headers.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { newId, SwitchyardError } from "@switchyard/core";
import { WebSocketServer } from "ws";
import { candidateCache } from "../chat/candidate-cache.ts";
import { checkProviderServes, checkServes } from "../chat/endpoint-check.ts";
import { planRequest } from "../chat/plan-request.ts";
import { toGatewayError } from "../errors.ts";
import { connectUpstream } from "./connect.ts";
import { realtimeByokConf } from "./byok-conf.ts";
import { DEFAULT_MAX_PAYLOAD, type RealtimeDeps } from "./deps.ts";
import { chooseProtocol, isRealtimePath, readHandshake, rejectUpgrade, requireModel } from "./handshake.ts";
import { createSessionMeter } from "./meter.ts";
import { startSession, type Session, type SessionStats } from "./session.ts";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface Realtime {
  upgrade: UpgradeHandler;
  /** Sessions open right now. */
  sessions(): number;
  /** Each open session's relay state (for metrics and tests). */
  stats(): SessionStats[];
  /** Refuses new sessions, closes the open ones (1001) and waits for them up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

const REQUIREMENT = { endpoint: "GET /v1/realtime", kind: "realtime", capability: "realtime" } as const;

export function createRealtime(deps: RealtimeDeps): Realtime {
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: deps.maxPayload ?? DEFAULT_MAX_PAYLOAD, handleProtocols: chooseProtocol });
  const answerHeaders = new WeakMap<IncomingMessage, Record<string, string>>();
  wss.on("headers", (headers, req) => {
    for (const [name, value] of Object.entries(answerHeaders.get(req) ?? {})) headers.push(`${name}: ${value}`);
  });
  const candidatesFor = candidateCache(deps.chat.directory);
  const open = new Set<Session>();
  const transcriptionCandidate = (model: string, providerId: string) => {
    try {
      return candidatesFor(model, providerId).find((c) => c.kind === "transcription" && c.entry.definition.id === providerId);
    } catch {
      return undefined; // not a model the catalog knows
    }
  };
  let closing = false;

  async function accept(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const sessionId = newId("req");
    const abort = new AbortController();
    const gone = () => abort.abort();
    socket.once("close", gone);
    try {
      if (closing) throw new SwitchyardError("service_unavailable", "The gateway is shutting down.");
      const handshake = readHandshake(req);
      const key = await deps.auth.authenticate(handshake.keyHeaders);
      requireModel(handshake);
      const byokConf = realtimeByokConf(handshake);
      const plan = await planRequest(deps.chat, { key, header: handshake.header, model: handshake.model, byokConf, kind: REQUIREMENT.kind, candidatesFor, check: (c) => checkServes(c, REQUIREMENT), checkProvider: (name) => checkProviderServes(deps.chat.directory, name, REQUIREMENT) });
      const book = await deps.chat.prices.load();
      const upstream = await connectUpstream(deps, { key, sessionId, plan, headers: handshake.upstreamHeaders, signal: abort.signal });
      socket.off("close", gone);
      if (socket.destroyed || closing) {
        upstream.connected.socket.close(1001, "client went away");
        return;
      }
      answerHeaders.set(req, { "x-request-id": sessionId, ...upstream.headers });
      let upgraded = false;
      wss.handleUpgrade(req, socket, head, (client) => {
        upgraded = true;
        const meter = createSessionMeter({ deps: deps.chat, key, sessionId, attempt: upstream.attempt, attempts: upstream.attempts, book, transcriptionCandidate: (model) => transcriptionCandidate(model, upstream.attempt.candidate.entry.definition.id) });
        const session = startSession({
          deps,
          client,
          upstream: upstream.connected.socket,
          early: upstream.connected.takeOver(),
          meter,
          organizationId: key.organizationId,
          paidByCredits: upstream.attempt.keySource === "credits",
          sessionId,
          onEnd: () => {
            open.delete(session);
            deps.logger.info({ requestId: sessionId, provider: upstream.attempt.candidate.entry.definition.id, model: upstream.attempt.candidate.modelId, responses: meter.billed }, "realtime session ended");
          },
        });
        open.add(session);
      });
      // `ws` completes the upgrade synchronously, or answers the request itself (a malformed
      // handshake) or drops a socket that closed meanwhile: then the upstream must go too.
      if (!upgraded) upstream.connected.socket.close(1001, "client went away");
    } catch (error) {
      socket.off("close", gone);
      const err = toGatewayError(error);
      if (err.status >= 500) deps.logger.error({ requestId: sessionId, code: err.code, err: err.message }, "realtime session refused");
      rejectUpgrade(socket, err, { "x-request-id": sessionId, "x-switchyard-request-id": sessionId });
    }
  }

  return {
    upgrade(req, socket, head) {
      socket.on("error", () => {}); // a reset during the handshake is not the process's problem
      if (!isRealtimePath(req.url)) return rejectUpgrade(socket, new SwitchyardError("not_found", "Only GET /v1/realtime accepts WebSocket upgrades."));
      void accept(req, socket, head);
    },
    sessions: () => open.size,
    stats: () => [...open].map((s) => s.stats()),
    async close(timeoutMs) {
      closing = true;
      const ended = [...open].map((s) => {
        s.shutdown();
        return s.ended;
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(ended), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}
