// A faithful mock of Azure OpenAI chat completions:
//   POST /openai/deployments/{deployment}/chat/completions?api-version=<dated version>
//   POST /openai/v1/chat/completions[?api-version=preview]   (body `model` = deployment name)
//   POST …/deployments/{deployment}/embeddings, /openai/v1/embeddings   (embeddings.ts)
//   POST …/deployments/{deployment}/images/{generations,edits}, /openai/v1/images/…   (images.ts)
//   POST …/deployments/{deployment}/audio/{speech,transcriptions,translations}   (audio.ts)
// Checks what Azure checks: the api-key header (Access denied 401), a known api-version
// (404 Resource not found, as Azure answers a missing or unknown one), the deployment
// (404 DeploymentNotFound), and arguments older versions do not know (stream_options,
// max_completion_tokens, parallel_tool_calls before 2024-09-01-preview: "Unrecognized request
// argument supplied"). Replies use the OpenAI mock's planner with the deployment's model name.
import type { ServerResponse } from "node:http";
import { readChatRequest } from "../mock-chat-request.ts";
import type { ErrorResponse } from "../mock-errors.ts";
import { planReply } from "../mock-reply.ts";
import { sendJson } from "../mock-respond.ts";
import { sleep } from "../mock-sleep.ts";
import { type Exchange, startScriptedServer } from "../scripted-server.ts";
import { azureChunks, azureCompletion, writeAzureStream } from "./chat.ts";
import { azureEmbeddings, isEmbeddingsPath } from "./embeddings.ts";
import { azureImages, isImagesPath } from "./images.ts";
import { azureAudio, isAudioDeploymentPath } from "./audio.ts";
import { accessDenied, azureError, deploymentNotFound, promptFiltered, resourceNotFound, unrecognizedArgument } from "./errors.ts";
import type { AzureBehaviour, AzureMock, AzureMockOptions } from "./types.ts";

const AZURE_API_VERSIONS = [
  "2023-05-15", "2024-02-01", "2024-06-01", "2024-10-21", "2024-08-01-preview", "2024-09-01-preview", "2024-10-01-preview",
  "2024-12-01-preview", "2025-01-01-preview", "2025-02-01-preview", "2025-03-01-preview", "2025-04-01-preview",
];
const NEWER_ARGUMENTS = ["stream_options", "max_completion_tokens", "parallel_tool_calls"];

/** The deployment and api-version a request addresses, or the error Azure gives. */
function address(pathAndQuery: string, body: Record<string, unknown>): { deployment: string; apiVersion: string } | ErrorResponse {
  const url = new URL(pathAndQuery, "http://mock");
  const version = url.searchParams.get("api-version");
  if (url.pathname === "/openai/v1/chat/completions") {
    if (version !== null && version !== "preview") return resourceNotFound();
    return { deployment: typeof body.model === "string" ? body.model : "", apiVersion: "v1" };
  }
  const match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
  if (!match || version === null || !AZURE_API_VERSIONS.includes(version)) return resourceNotFound();
  return { deployment: decodeURIComponent(match[1]!), apiVersion: version };
}

const send = (res: ServerResponse, error: ErrorResponse, headers: Record<string, string>) => sendJson(res, error.status, error.body, { ...headers, ...error.headers });

export async function startAzureMock(options: AzureMockOptions): Promise<AzureMock> {
  const keys = new Set(options.apiKeys);

  async function route(exchange: Exchange<AzureBehaviour>): Promise<void> {
    const { record, res, behaviour: pick, cancellation, kill } = exchange;
    const headers = { "apim-request-id": record.id, "x-ms-region": "East US" };
    if (!keys.has(record.headers["api-key"] ?? "")) return send(res, accessDenied(), headers);
    if (record.method === "POST" && isEmbeddingsPath(record.path)) return azureEmbeddings(exchange, headers, options.deployments, AZURE_API_VERSIONS);
    if (record.method === "POST" && isImagesPath(record.path)) return azureImages(exchange, headers, options.deployments, AZURE_API_VERSIONS);
    if (record.method === "POST" && isAudioDeploymentPath(record.path)) return azureAudio(exchange, headers, options.deployments, AZURE_API_VERSIONS);
    const body = (typeof record.body === "object" && record.body !== null ? record.body : {}) as Record<string, unknown>;
    const where = record.method === "POST" ? address(record.path, body) : resourceNotFound();
    if ("status" in where) return send(res, where, headers);
    const model = options.deployments[where.deployment];
    if (!model) return send(res, deploymentNotFound(), headers);
    if (where.apiVersion !== "v1" && where.apiVersion < "2024-09-01") {
      const unknown = NEWER_ARGUMENTS.find((name) => body[name] !== undefined);
      if (unknown) return send(res, unrecognizedArgument(unknown), headers);
    }
    const request = readChatRequest({ ...body, model });
    if (!("model" in request)) {
      return sendJson(res, 400, { error: { message: request.message ?? `'${request.param}' is a required property`, type: "invalid_request_error", param: null, code: null } }, headers);
    }
    const behaviour = pick() ?? {};
    if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, cancellation))) return;
    if (behaviour.promptFiltered) return send(res, promptFiltered(), headers);
    if (behaviour.error) {
      const fallback = azureError(behaviour.error.status, where.apiVersion);
      return send(res, { status: behaviour.error.status, body: behaviour.error.body ?? fallback.body, headers: { ...fallback.headers, ...behaviour.error.headers } }, headers);
    }
    const plan = planReply({ ...request, n: 1 }, behaviour);
    if (!request.stream) return sendJson(res, 200, azureCompletion(plan, behaviour), headers);
    writeAzureStream(res, azureChunks(plan, behaviour, request.includeUsage), headers, behaviour.failAfterChunks, kill);
  }

  return startScriptedServer(route, options);
}
