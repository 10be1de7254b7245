// POST …/chat/completions: validate like OpenAI, pick the behaviour (script → queue → directives
// → default), then answer with an error, a completion or a stream.
import { lastUserText, readChatRequest } from "./mock-chat-request.ts";
import { parseDirectives } from "./mock-directives.ts";
import { invalidJsonBody, invalidParamBody, missingParamBody } from "./mock-errors.ts";
import { planReply } from "./mock-reply.ts";
import { sendCompletion, sendError, sendJson, streamHeaders } from "./mock-respond.ts";
import { sleep } from "./mock-sleep.ts";
import { writeStream } from "./mock-stream.ts";
import { isSearchModel } from "./mock-web-search.ts";
import type { Behaviour, MockExchange } from "./mock-types.ts";

/** `pick` undefined falls through to directives and the default. */
export interface ChatContext extends MockExchange {
  kill: () => void;
  defaults: Behaviour | undefined;
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (!raw) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

export async function handleChat(ctx: ChatContext): Promise<void> {
  const { record, res, headers } = ctx;
  const parsed = parseJson(record.rawBody);
  if (!parsed.ok) {
    sendJson(res, 400, invalidJsonBody(), headers);
    return;
  }
  record.body = parsed.value;
  const request = readChatRequest(parsed.value);
  if (!("model" in request)) {
    const body = request.message ? invalidParamBody(request.param, request.message) : missingParamBody(request.param);
    sendJson(res, 400, body, headers);
    return;
  }

  if (request.webSearch && !isSearchModel(request.model)) {
    sendJson(res, 400, invalidParamBody("web_search_options", "Web search options not supported with this model."), headers);
    return;
  }

  const chosen = ctx.pick(record) ?? parseDirectives(lastUserText(request.messages)) ?? {};
  const behaviour: Behaviour = ctx.defaults ? { ...ctx.defaults, ...chosen } : chosen;
  if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, ctx.cancellation))) return;
  if (res.destroyed) return;
  if (behaviour.error) {
    sendError(res, behaviour.error, request.model, ctx.key, headers);
    return;
  }

  const plan = planReply(request, behaviour);
  if (!request.stream) {
    sendCompletion(res, plan, headers, behaviour.failAfterChunks !== undefined, ctx.kill);
    return;
  }
  await writeStream(res, plan, {
    includeUsage: request.includeUsage,
    chunkDelayMs: behaviour.chunkDelayMs ?? 0,
    failAfterChunks: behaviour.failAfterChunks,
    headers: streamHeaders(headers),
    cancellation: ctx.cancellation,
    kill: ctx.kill,
  });
}
