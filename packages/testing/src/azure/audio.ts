// Azure OpenAI audio on a deployment (whisper from api-version 2024-02-01, tts from
// 2024-02-15-preview; learn.microsoft.com/azure/ai-foundry/openai/reference):
//   POST /openai/deployments/{deployment}/audio/{transcriptions,translations}?api-version=…   (multipart)
//   POST /openai/deployments/{deployment}/audio/speech?api-version=…                          (JSON)
// Addressing and errors as for chat (server.ts); the request is checked and answered like
// OpenAI's (audio/handler.ts) for the model the deployment runs. The v1 path (/openai/v1/audio/…)
// is not mocked.
import type { ErrorResponse } from "../mock-errors.ts";
import { sendJson } from "../mock-respond.ts";
import { handleAudio } from "../audio/handler.ts";
import type { Exchange } from "../scripted-server.ts";
import { azureError, deploymentNotFound, resourceNotFound } from "./errors.ts";
import type { AzureBehaviour } from "./types.ts";

const DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/audio\/(speech|transcriptions|translations)$/;

export function isAudioDeploymentPath(pathAndQuery: string): boolean {
  return /^\/openai\/(deployments\/[^/]+|v1)\/audio\//.test(new URL(pathAndQuery, "http://mock").pathname);
}

export async function azureAudio(exchange: Exchange<AzureBehaviour>, headers: Record<string, string>, deployments: Record<string, string>, versions: readonly string[]): Promise<void> {
  const { record, res } = exchange;
  const send = (error: ErrorResponse) => sendJson(res, error.status, error.body, { ...headers, ...error.headers });
  const url = new URL(record.path, "http://mock");
  const match = DEPLOYMENT_PATH.exec(url.pathname);
  const version = url.searchParams.get("api-version");
  if (!match || version === null || !versions.includes(version)) return send(resourceNotFound());
  const model = deployments[decodeURIComponent(match[1]!)];
  if (!model) return send(deploymentNotFound());
  const behaviour = exchange.behaviour() ?? {};
  if (behaviour.error) {
    const fallback = azureError(behaviour.error.status, version);
    return send({ status: behaviour.error.status, body: behaviour.error.body ?? fallback.body, headers: { ...fallback.headers, ...behaviour.error.headers } });
  }
  const { error: _error, ...rest } = behaviour;
  const key = record.headers["api-key"] ?? "";
  await handleAudio({ record, res, key, headers, cancellation: exchange.cancellation, kill: exchange.kill, pick: () => rest, model, dialect: "azure" }, url.pathname);
}
