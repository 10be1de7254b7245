// Azure OpenAI images on a deployment (dall-e-3 from api-version 2024-02-01, gpt-image-1 from
// 2025-04-01-preview; learn.microsoft.com/azure/ai-foundry/openai/reference):
//   POST /openai/deployments/{deployment}/images/generations?api-version=<dated version>   (JSON)
//   POST /openai/deployments/{deployment}/images/edits?api-version=<dated version>         (multipart)
//   POST /openai/v1/images/generations | /openai/v1/images/edits   (`model` = deployment name)
// Addressing and errors as for chat (server.ts); the request is checked and answered like
// OpenAI's (openai-images/handler.ts) for the model the deployment runs.
import type { ErrorResponse } from "../mock-errors.ts";
import { sendJson } from "../mock-respond.ts";
import { handleImages } from "../openai-images/handler.ts";
import type { Exchange } from "../scripted-server.ts";
import { azureError, deploymentNotFound, resourceNotFound } from "./errors.ts";
import type { AzureBehaviour } from "./types.ts";

const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/images\/(generations|edits)$/;
const V1_PATH = /^\/openai\/v1\/images\/(generations|edits)$/;

export function isImagesPath(pathAndQuery: string): boolean {
  const { pathname } = new URL(pathAndQuery, "http://mock");
  return V1_PATH.test(pathname) || DEPLOYMENT_PATH.test(pathname);
}

/** The deployment (undefined on the v1 path: it is the body's `model`), the operation and api-version. */
function address(pathAndQuery: string, versions: readonly string[]): { deployment: string | undefined; edits: boolean; apiVersion: string } | ErrorResponse {
  const url = new URL(pathAndQuery, "http://mock");
  const version = url.searchParams.get("api-version");
  const v1 = V1_PATH.exec(url.pathname);
  if (v1) {
    if (version !== null && version !== "preview") return resourceNotFound();
    return { deployment: undefined, edits: v1[1] === "edits", apiVersion: "v1" };
  }
  const match = DEPLOYMENT_PATH.exec(url.pathname);
  if (!match || version === null || !versions.includes(version)) return resourceNotFound();
  return { deployment: decodeURIComponent(match[1]!), edits: match[2] === "edits", apiVersion: version };
}

export async function azureImages(exchange: Exchange<AzureBehaviour>, headers: Record<string, string>, deployments: Record<string, string>, versions: readonly string[]): Promise<void> {
  const { record, res } = exchange;
  const send = (error: ErrorResponse) => sendJson(res, error.status, error.body, { ...headers, ...error.headers });
  const where = address(record.path, versions);
  if ("status" in where) return send(where);
  if (where.deployment !== undefined && !deployments[where.deployment]) return send(deploymentNotFound());
  const behaviour = exchange.behaviour() ?? {};
  if (behaviour.error) {
    const fallback = azureError(behaviour.error.status, where.apiVersion);
    return send({ status: behaviour.error.status, body: behaviour.error.body ?? fallback.body, headers: { ...fallback.headers, ...behaviour.error.headers } });
  }
  const { error: _error, ...rest } = behaviour;
  const notFound = deploymentNotFound();
  await handleImages(
    {
      record,
      res,
      key: record.headers["api-key"] ?? "",
      headers,
      cancellation: exchange.cancellation,
      pick: () => rest,
      resolveModel: (requested) => deployments[where.deployment ?? (typeof requested === "string" ? requested : "")],
      noModel: { status: notFound.status, body: notFound.body },
    },
    where.edits,
  );
}
