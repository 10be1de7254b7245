// A faithful mock of the Responses API, as OpenAI and Azure OpenAI serve it:
//   POST /v1/responses                              OpenAI: Authorization: Bearer <key>
//   POST /openai/v1/responses[?api-version=preview] Azure v1: api-key header, model = deployment name
//   POST /openai/responses?api-version=<dated>      Azure, dated versions from 2025-03-01-preview
//   GET  /v1/models, /openai/v1/models, /openai/models?api-version=<dated>
// Requests are validated as the API does (validate.ts); unknown models are OpenAI's 400
// model_not_found or Azure's 404 DeploymentNotFound. Behaviours: script → queue → default.
import type { ServerResponse } from "node:http";
import { accessDenied, azureError, deploymentNotFound, resourceNotFound } from "../azure/errors.ts";
import { defaultError, type ErrorResponse, invalidKeyBody, invalidUrlBody, missingKeyBody } from "../mock-errors.ts";
import { commonHeaders, sendJson } from "../mock-respond.ts";
import { DEFAULT_MODELS } from "../mock-upstream.ts";
import { sleep } from "../mock-sleep.ts";
import { type Exchange, startScriptedServer } from "../scripted-server.ts";
import { responseObject } from "./body.ts";
import { planResponse } from "./reply.ts";
import { errorBody, RequestError } from "./request-errors.ts";
import { streamEvents, writeEvents } from "./stream.ts";
import type { ResponsesBehaviour, ResponsesMock, ResponsesMockOptions } from "./types.ts";
import { validateRequest } from "./validate.ts";

interface Flavour {
  azure: boolean;
  apiVersion: string;
  /** "responses" | "models" | undefined (no such path). */
  resource: string | undefined;
}

function flavour(method: string, pathAndQuery: string): Flavour {
  const url = new URL(pathAndQuery, "http://mock");
  const version = url.searchParams.get("api-version");
  const path = url.pathname;
  const resource = method === "POST" ? "responses" : "models";
  if (path === `/v1/${resource}`) return { azure: false, apiVersion: "", resource };
  if (path === `/openai/v1/${resource}`) return { azure: true, apiVersion: version ?? "v1", resource: version === null || version === "preview" ? resource : undefined };
  // Dated versions: the Responses API arrived with 2025-03-01-preview; listing models is older.
  const dated = version !== null && (resource === "models" || version >= "2025-03-01-preview");
  if (path === `/openai/${resource}`) return { azure: true, apiVersion: version ?? "", resource: dated ? resource : undefined };
  return { azure: path.startsWith("/openai/"), apiVersion: version ?? "", resource: undefined };
}

function send(res: ServerResponse, error: ErrorResponse, headers: Record<string, string>): void {
  sendJson(res, error.status, error.body, { ...headers, ...error.headers });
}

export async function startResponsesMock(options: ResponsesMockOptions = {}): Promise<ResponsesMock> {
  const models = new Set(options.models ?? DEFAULT_MODELS);
  const validKeys = options.validKeys ? new Set(options.validKeys) : undefined;

  async function route({ record, res, behaviour: pick, cancellation }: Exchange<ResponsesBehaviour>): Promise<void> {
    const headers = commonHeaders(record.id, record.receivedAt);
    const where = flavour(record.method, record.path);
    const key = where.azure ? (record.headers["api-key"] ?? "") : (record.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    if (!key || (validKeys && !validKeys.has(key))) {
      if (where.azure) return send(res, accessDenied(), headers);
      return sendJson(res, 401, key ? invalidKeyBody(key) : missingKeyBody(), headers);
    }
    if (!where.resource) return where.azure ? send(res, resourceNotFound(), headers) : sendJson(res, 404, invalidUrlBody(record.method, record.path), headers);
    if (where.resource === "models") {
      return sendJson(res, 200, { object: "list", data: [...models].map((id) => ({ id, object: "model", created: 1_715_367_049, owned_by: "system" })) }, headers);
    }
    let request;
    try {
      request = validateRequest(record.body);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      return sendJson(res, 400, errorBody(error), headers);
    }
    if (!models.has(request.model)) {
      if (where.azure) return send(res, deploymentNotFound(), headers);
      return sendJson(res, 400, errorBody(new RequestError(`The requested model '${request.model}' does not exist.`, "model", "model_not_found")), headers);
    }
    const behaviour = pick() ?? {};
    if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, cancellation))) return;
    if (behaviour.error) {
      const fallback = where.azure ? azureError(behaviour.error.status, where.apiVersion) : defaultError(behaviour.error.status, request.model, key);
      return send(res, { status: behaviour.error.status, body: behaviour.error.body ?? fallback.body, headers: { ...fallback.headers, ...behaviour.error.headers } }, headers);
    }
    const plan = planResponse(request, behaviour);
    if (request.stream) return writeEvents(res, streamEvents(plan, behaviour), headers);
    if (behaviour.failed) return sendJson(res, 500, { error: { message: behaviour.failed.message, type: "server_error", param: null, code: behaviour.failed.code } }, headers);
    return sendJson(res, 200, responseObject(plan, true), headers);
  }

  return startScriptedServer(route, options);
}
