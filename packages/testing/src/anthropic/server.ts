// A faithful mock of Anthropic's Messages API (and of Claude on Microsoft Foundry, which serves
// the same API under /anthropic/v1), for the gateway's tests:
//   POST <prefix>/v1/messages   a Message, streamed or not (validated like the API)
//   GET  <prefix>/v1/models     the model list (the key check)
// Every request needs x-api-key and anthropic-version headers. The behaviour of each Messages
// request comes from `script(fn)`, else the `enqueue(…)` queue, else the default.
import type { ServerResponse } from "node:http";
import { type Cancellation, sleep } from "../mock-sleep.ts";
import type { RecordedRequest } from "../mock-types.ts";
import { startScriptedServer } from "../scripted-server.ts";
import { anthropicError, invalidRequest, type AnthropicErrorResponse } from "./errors.ts";
import { messageBody, modelsBody } from "./message.ts";
import { planReply } from "./reply.ts";
import { writeStream } from "./stream.ts";
import type { AnthropicBehaviour, AnthropicMock, AnthropicMockOptions } from "./types.ts";
import { validateRequest } from "./validate.ts";

export type { AnthropicBehaviour, AnthropicMock, AnthropicMockOptions, AnthropicScript, AnthropicToolUse, AnthropicWebResult, AnthropicWebSearch } from "./types.ts";

export const ANTHROPIC_MOCK_MODELS = ["claude-sonnet-4-6", "claude-opus-4-6", "claude-haiku-4-5"];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, error: AnthropicErrorResponse, headers: Record<string, string>): void {
  send(res, error.status, error.body, { ...headers, ...error.headers, "x-should-retry": String(error.status === 429 || error.status >= 500) });
}

export async function startAnthropicMock(options: AnthropicMockOptions = {}): Promise<AnthropicMock> {
  async function messages(record: RecordedRequest, res: ServerResponse, headers: Record<string, string>, scripted: () => AnthropicBehaviour | undefined, cancellation: Cancellation): Promise<void> {
    try {
      record.body = JSON.parse(record.rawBody) as unknown;
    } catch {
      return sendError(res, invalidRequest("There was an error parsing the body of your request: invalid JSON.", record.id), headers);
    }
    const request = validateRequest(record.body);
    if (typeof request === "string") return sendError(res, invalidRequest(request, record.id), headers);
    const behaviour = scripted() ?? {};
    if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, cancellation))) return;
    if (behaviour.error) {
      const { status, type, message, headers: extra } = behaviour.error;
      const error = anthropicError(status, record.id, type, message);
      return sendError(res, { ...error, headers: { ...error.headers, ...extra } }, headers);
    }
    const reply = planReply(request, behaviour);
    if (request.stream) return writeStream(res, reply, behaviour, headers, cancellation);
    send(res, 200, messageBody(reply), headers);
  }

  function route(record: RecordedRequest, res: ServerResponse, scripted: () => AnthropicBehaviour | undefined, cancellation: Cancellation): Promise<void> | void {
    const headers = { "request-id": record.id, "anthropic-organization-id": "00000000-0000-4000-8000-000000000000" };
    const key = record.headers["x-api-key"] ?? "";
    if (!key) return sendError(res, anthropicError(401, record.id, "authentication_error", "x-api-key header is required"), headers);
    const keyError = options.keyErrors?.[key];
    if (keyError !== undefined) return sendError(res, anthropicError(keyError, record.id), headers);
    if (options.validKeys && !options.validKeys.includes(key)) return sendError(res, anthropicError(401, record.id), headers);
    if (!record.headers["anthropic-version"]) return sendError(res, invalidRequest("anthropic-version: header is required", record.id), headers);
    const path = record.path.split("?", 1)[0] ?? "";
    if (record.method === "POST" && path.endsWith("/v1/messages")) {
      if (!record.headers["content-type"]?.startsWith("application/json")) return sendError(res, invalidRequest("content-type: must be application/json", record.id), headers);
      return messages(record, res, headers, scripted, cancellation);
    }
    if (record.method === "GET" && path.endsWith("/v1/models")) return send(res, 200, modelsBody(options.models ?? ANTHROPIC_MOCK_MODELS), headers);
    return sendError(res, anthropicError(404, record.id, "not_found_error", "Not Found"), headers);
  }

  return startScriptedServer<AnthropicBehaviour>(({ record, res, behaviour, cancellation }) => route(record, res, behaviour, cancellation));
}
