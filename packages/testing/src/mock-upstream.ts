// A faithful mock of an OpenAI-compatible chat completions upstream (OpenAI, Groq, Together,
// OpenRouter…), for the gateway's tests and benchmark and for trying the gateway offline.
//
//   POST <any prefix>/chat/completions   completions, streamed or not (see mock-chat.ts)
//   POST <any prefix>/embeddings         deterministic embeddings (see embeddings/openai-handler.ts)
//   POST <any prefix>/images/generations, /images/edits   images (see openai-images/handler.ts)
//   POST <any prefix>/audio/{speech,transcriptions,translations}   see audio/handler.ts
//   GET  <any prefix>/models[/<id>]      a model list / one model
//   anything else                        404 "Invalid URL (METHOD /path)"
//
// Every request needs an Authorization (Bearer), api-key or x-api-key header unless started
// with `requireAuth: false`; with `validKeys`, other keys get OpenAI's invalid_api_key 401;
// `keyErrors` maps keys to an error status every request with that key gets (403, 429, …).
// Each chat request's behaviour comes from `script(fn)`, else the `enqueue(…)` queue, else
// `[[mock:…]]` directives in the last user message (mock-directives.ts), else the default;
// `defaults` is merged under all of them. Every request is recorded in `requests`.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleChat } from "./mock-chat.ts";
import { handleAudio, isAudioPath } from "./audio/handler.ts";
import { handleImages } from "./openai-images/handler.ts";
import { handleEmbeddings } from "./embeddings/openai-handler.ts";
import { newRecord } from "./mock-record.ts";
import { defaultError, invalidKeyBody, invalidUrlBody, missingKeyBody } from "./mock-errors.ts";
import { commonHeaders, sendJson } from "./mock-respond.ts";
import { Cancellation } from "./mock-sleep.ts";
import type { Behaviour, MockScript, MockUpstream, MockUpstreamOptions, RecordedRequest } from "./mock-types.ts";

export type { Behaviour, MockError, MockScript, MockToolCall, MockUpstream, MockUpstreamOptions, MockUsage, RecordedRequest } from "./mock-types.ts";

export const DEFAULT_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini"];
const MODEL_CREATED = 1_715_367_049;


/** The API key of a request: a Bearer token, or an api-key / x-api-key header ("" when none). */
export function requestKey(headers: Record<string, string>): string {
  const authorization = headers.authorization;
  if (authorization) return /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, "").trim() : authorization.trim();
  return (headers["api-key"] ?? headers["x-api-key"] ?? "").trim();
}

function modelObject(id: string): Record<string, unknown> {
  return { id, object: "model", created: MODEL_CREATED, owned_by: id.startsWith("gpt") || /^o\d/.test(id) ? "system" : "mock" };
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const { host = "127.0.0.1", port = 0, requireAuth = true, maxRecords = 10_000 } = options;
  const validKeys = options.validKeys ? new Set(options.validKeys) : undefined;
  const models = options.models ?? DEFAULT_MODELS;
  const requests: RecordedRequest[] = [];
  const live = new Set<Cancellation>();
  let queue: Behaviour[] = [];
  let scriptFn: MockScript | undefined;
  let open = 0;

  const pick = (record: RecordedRequest): Behaviour | undefined => scriptFn?.(record) ?? queue.shift();

  function route(record: RecordedRequest, res: ServerResponse, cancellation: Cancellation, kill: () => void): Promise<void> | void {
    const headers = commonHeaders(record.id, record.receivedAt);
    const key = requestKey(record.headers);
    if (requireAuth && !key) return sendJson(res, 401, missingKeyBody(), headers);
    const keyError = options.keyErrors?.[key];
    if (requireAuth && keyError !== undefined) {
      const error = defaultError(keyError, "any", key);
      return sendJson(res, error.status, error.body, { ...headers, ...error.headers });
    }
    if (requireAuth && validKeys && !validKeys.has(key)) return sendJson(res, 401, invalidKeyBody(key), headers);
    const path = record.path.split("?", 1)[0] ?? "";
    if (record.method === "POST" && path.endsWith("/chat/completions")) {
      return handleChat({ record, res, key, headers, cancellation, kill, pick, defaults: options.defaults });
    }
    if (record.method === "POST" && path.endsWith("/embeddings")) return handleEmbeddings({ record, res, key, headers, cancellation, pick, defaults: options.defaults });
    const images = record.method === "POST" ? /\/images\/(generations|edits)$/.exec(path) : null;
    if (images) return handleImages({ record, res, key, headers, cancellation, pick }, images[1] === "edits");
    if (record.method === "POST" && isAudioPath(path)) {
      return handleAudio({ record, res, key, headers, cancellation, kill, pick, defaults: options.defaults, dialect: path.startsWith("/groq/") ? "groq" : "openai" }, path);
    }
    if (record.method === "GET" && path.endsWith("/models")) {
      return sendJson(res, 200, { object: "list", data: models.map(modelObject) }, headers);
    }
    const one = record.method === "GET" ? /\/models\/([^/]+)$/.exec(path) : null;
    if (one?.[1]) return sendJson(res, 200, modelObject(decodeURIComponent(one[1])), headers);
    return sendJson(res, 404, invalidUrlBody(record.method, path), headers);
  }

  const server = createServer((req, res) => {
    const record = newRecord(req);
    requests.push(record);
    if (requests.length > maxRecords) requests.shift();
    open++;
    const cancellation = new Cancellation();
    live.add(cancellation);
    let settled = false;
    let killed = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      open--;
      live.delete(cancellation);
    };
    const kill = (): void => {
      killed = true;
      res.destroy();
    };
    res.on("finish", () => {
      record.finished = true;
      settle();
    });
    res.on("close", () => {
      if (!res.writableFinished && !killed) record.aborted = true;
      settle();
      cancellation.cancel();
    });

    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      record.rawBody = chunks.length === 1 ? (chunks[0]?.toString("utf8") ?? "") : Buffer.concat(chunks).toString("utf8");
      if (record.headers["content-type"]?.startsWith("multipart/")) record.rawBytes = Buffer.concat(chunks);
      const done = route(record, res, cancellation, kill);
      if (done) done.catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    requests,
    openRequests: () => open,
    script(fn) {
      scriptFn = fn;
    },
    enqueue(...behaviours) {
      queue.push(...behaviours);
    },
    reset() {
      requests.length = 0;
      queue = [];
      scriptFn = undefined;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const cancellation of live) cancellation.cancel();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
