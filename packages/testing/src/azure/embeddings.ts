// Azure OpenAI embeddings on a deployment:
//   POST /openai/deployments/{deployment}/embeddings?api-version=<dated version>
//   POST /openai/v1/embeddings[?api-version=preview]   (body `model` = deployment name)
// Addressing and errors as for chat (server.ts); the body is checked and answered like OpenAI's
// (embeddings/openai-handler.ts) with the deployment's model.
import type { ErrorResponse } from "../mock-errors.ts";
import { sendJson } from "../mock-respond.ts";
import type { Exchange } from "../scripted-server.ts";
import { handleEmbeddings } from "../embeddings/openai-handler.ts";
import { azureError, deploymentNotFound, resourceNotFound } from "./errors.ts";
import type { AzureBehaviour } from "./types.ts";

const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/embeddings$/;

export function isEmbeddingsPath(pathAndQuery: string): boolean {
  const { pathname } = new URL(pathAndQuery, "http://mock");
  return pathname === "/openai/v1/embeddings" || DEPLOYMENT_PATH.test(pathname);
}

function address(pathAndQuery: string, body: Record<string, unknown>, versions: readonly string[]): { deployment: string; apiVersion: string } | ErrorResponse {
  const url = new URL(pathAndQuery, "http://mock");
  const version = url.searchParams.get("api-version");
  if (url.pathname === "/openai/v1/embeddings") {
    if (version !== null && version !== "preview") return resourceNotFound();
    return { deployment: typeof body.model === "string" ? body.model : "", apiVersion: "v1" };
  }
  const match = DEPLOYMENT_PATH.exec(url.pathname);
  if (!match || version === null || !versions.includes(version)) return resourceNotFound();
  return { deployment: decodeURIComponent(match[1]!), apiVersion: version };
}

export async function azureEmbeddings(exchange: Exchange<AzureBehaviour>, headers: Record<string, string>, deployments: Record<string, string>, versions: readonly string[]): Promise<void> {
  const { record, res } = exchange;
  const send = (error: ErrorResponse) => sendJson(res, error.status, error.body, { ...headers, ...error.headers });
  const body = (typeof record.body === "object" && record.body !== null ? record.body : {}) as Record<string, unknown>;
  const where = address(record.path, body, versions);
  if ("status" in where) return send(where);
  const model = deployments[where.deployment];
  if (!model) return send(deploymentNotFound());
  const behaviour = exchange.behaviour() ?? {};
  if (behaviour.error) {
    const fallback = azureError(behaviour.error.status, where.apiVersion);
    return send({ status: behaviour.error.status, body: behaviour.error.body ?? fallback.body, headers: { ...fallback.headers, ...behaviour.error.headers } });
  }
  const { error: _error, ...rest } = behaviour;
  await handleEmbeddings({ record, res, key: record.headers["api-key"] ?? "", headers, cancellation: exchange.cancellation, pick: () => rest, model });
}
