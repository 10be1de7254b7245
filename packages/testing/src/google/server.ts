// A faithful mock of the Gemini API (Google AI Studio), built from https://ai.google.dev/api:
//
//   POST /v1beta/models/{model}:generateContent                 one GenerateContentResponse
//   POST /v1beta/models/{model}:streamGenerateContent?alt=sse   SSE, one response per event
//   POST /v1beta/models/{model}:batchEmbedContents              embeddings (embed.ts)
//   GET  /v1beta/models[?pageSize=N]  /v1beta/models/{model}     model list / one model
//
// The key goes in x-goog-api-key (or ?key=): none → 403 PERMISSION_DENIED; with `validKeys`, an
// unknown key → 400 API_KEY_INVALID, as Google answers. Requests are checked like the API does
// (request.ts, contents.ts) and refused with its 400 messages. Each generate request's behaviour
// comes from `script(fn)`, else the `enqueue(…)` queue, else the default. Every request is recorded.
import type { ServerResponse } from "node:http";
import { type Cancellation, sleep } from "../mock-sleep.ts";
import type { RecordedRequest } from "../mock-types.ts";
import { startScriptedServer } from "../scripted-server.ts";
import { batchEmbed } from "./embed.ts";
import { defaultError, googleError, invalidKey, missingKey, modelNotFound, type GoogleErrorResponse } from "./errors.ts";
import { newSignature, planGeminiReply } from "./reply.ts";
import { readGenerate } from "./request.ts";
import { responseBody, sendJson, writeSse } from "./respond.ts";
import type { GeminiBehaviour, GeminiMock, GeminiMockOptions } from "./types.ts";

const BATCH_EMBED = /^\/v1beta\/models\/([^/:]+):batchEmbedContents$/;
const GENERATE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const ONE_MODEL = /^\/v1beta\/models\/([^/:]+)$/;

function modelObject(id: string): Record<string, unknown> {
  return { name: `models/${id}`, version: "001", displayName: id, inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ["generateContent", "countTokens", "streamGenerateContent"], thinking: true };
}

export async function startGeminiMock(options: GeminiMockOptions = {}): Promise<GeminiMock> {
  const validKeys = options.validKeys ? new Set(options.validKeys) : undefined;
  const issued = new Set<string>();
  const serves = (model: string): boolean => (options.models ? options.models.includes(model) : model.startsWith("gemini-"));
  const fail = (res: ServerResponse, error: GoogleErrorResponse): void => sendJson(res, error.status, error.body, error.headers);

  type Scripted = () => GeminiBehaviour | undefined;

  async function generate(record: RecordedRequest, res: ServerResponse, url: URL, model: string, stream: boolean, scripted: Scripted, cancellation: Cancellation, kill: () => void): Promise<void> {
    if (!serves(model)) return fail(res, modelNotFound(model, stream ? "streamGenerateContent" : "generateContent"));
    if (stream && url.searchParams.get("alt") !== "sse") return fail(res, googleError(400, "This mock streams with alt=sse only."));
    try {
      record.body = JSON.parse(record.rawBody) as unknown;
    } catch {
      return fail(res, googleError(400, "Invalid JSON payload received. Unexpected token."));
    }
    const request = readGenerate(record.body, model, issued);
    if ("error" in request) return fail(res, googleError(400, request.error));
    const behaviour = scripted() ?? {};
    if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, cancellation))) return;
    if (behaviour.error) {
      const known = defaultError(behaviour.error.status, model);
      return sendJson(res, behaviour.error.status, behaviour.error.body ?? known.body, { ...known.headers, ...behaviour.error.headers });
    }
    const gemini3 = /^gemini-([3-9]|\d\d)/.test(model);
    const plan = planGeminiReply(request, behaviour, () => {
      if (!gemini3) return undefined;
      const signature = newSignature();
      issued.add(signature);
      return signature;
    });
    if (!stream) return sendJson(res, 200, responseBody(plan));
    await writeSse(res, plan, { chunkDelayMs: behaviour.chunkDelayMs ?? 0, failAfterChunks: behaviour.failAfterChunks, cancellation, kill });
  }

  function route(record: RecordedRequest, res: ServerResponse, scripted: Scripted, cancellation: Cancellation, kill: () => void): Promise<void> | void {
    const url = new URL(record.path, "http://mock");
    const key = record.headers["x-goog-api-key"] ?? url.searchParams.get("key") ?? "";
    if (!key) return fail(res, missingKey());
    const keyError = options.keyErrors?.[key];
    if (keyError !== undefined) return fail(res, keyError === 401 || keyError === 400 ? invalidKey() : defaultError(keyError, "any"));
    if (validKeys && !validKeys.has(key)) return fail(res, invalidKey());
    const generateMatch = record.method === "POST" ? GENERATE.exec(url.pathname) : null;
    if (generateMatch) return generate(record, res, url, decodeURIComponent(generateMatch[1]!), generateMatch[2] === "streamGenerateContent", scripted, cancellation, kill);
    if (record.method === "GET" && url.pathname === "/v1beta/models") {
      const ids = options.models ?? ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"];
      const size = Number(url.searchParams.get("pageSize") ?? 50);
      return sendJson(res, 200, { models: ids.slice(0, size).map(modelObject), ...(size < ids.length ? { nextPageToken: "mock-page-2" } : {}) });
    }
    const embedMatch = record.method === "POST" ? BATCH_EMBED.exec(url.pathname) : null;
    if (embedMatch) return serves(decodeURIComponent(embedMatch[1]!)) ? batchEmbed(record, res, decodeURIComponent(embedMatch[1]!), scripted, cancellation) : fail(res, modelNotFound(embedMatch[1]!, "batchEmbedContents"));
    const one = record.method === "GET" ? ONE_MODEL.exec(url.pathname) : null;
    if (one) return serves(decodeURIComponent(one[1]!)) ? sendJson(res, 200, modelObject(decodeURIComponent(one[1]!))) : fail(res, modelNotFound(one[1]!, "get"));
    return fail(res, googleError(404, `Method not found: ${record.method} ${url.pathname}`));
  }

  return startScriptedServer<GeminiBehaviour>(({ record, res, behaviour, cancellation, kill }) => route(record, res, behaviour, cancellation, kill), options);
}
