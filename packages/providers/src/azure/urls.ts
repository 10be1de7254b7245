// Azure OpenAI addressing (learn.microsoft.com "Azure OpenAI API version lifecycle"; the REST
// reference). Two generations, chosen by the credentials' apiVersion:
//   dated (e.g. 2024-10-21, 2025-04-01-preview):
//     POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={v}
//     POST {endpoint}/openai/responses?api-version={v}      GET {endpoint}/openai/models?api-version={v}
//   "v1" (GA since August 2025, no api-version) or "preview" (?api-version=preview):
//     POST {endpoint}/openai/v1/chat/completions            (model: the deployment name)
//     POST {endpoint}/openai/v1/responses                   GET {endpoint}/openai/v1/models
import type { AzureCredentials } from "./credentials.ts";

type Creds = Pick<AzureCredentials, "endpoint" | "apiVersion" | "deploymentName">;

const V1_VERSIONS = new Set(["v1", "preview"]);

export function isV1(apiVersion: string): boolean {
  return V1_VERSIONS.has(apiVersion.toLowerCase());
}

/** `stream_options` and `max_completion_tokens` arrived with 2024-09-01-preview (GA in 2024-10-21). */
export function supportsCurrentParams(apiVersion: string): boolean {
  return isV1(apiVersion) || apiVersion >= "2024-09-01";
}

function v1(c: Pick<Creds, "endpoint" | "apiVersion">, path: string): string {
  const query = c.apiVersion.toLowerCase() === "preview" ? "?api-version=preview" : "";
  return `${c.endpoint}/openai/v1${path}${query}`;
}

const dated = (c: Pick<Creds, "endpoint" | "apiVersion">, path: string): string => `${c.endpoint}/openai${path}?api-version=${encodeURIComponent(c.apiVersion)}`;

/** A deployment's endpoint (`/chat/completions`, `/embeddings`, `/audio/speech`, …): the v1 path (the deployment goes in `model`), or the dated one under the deployment. */
export function deploymentUrl(c: Pick<Creds, "endpoint" | "apiVersion">, deployment: string, path: string): string {
  return isV1(c.apiVersion) ? v1(c, path) : dated(c, `/deployments/${encodeURIComponent(deployment)}${path}`);
}

export function chatUrl(c: Creds): string {
  return deploymentUrl(c, c.deploymentName, "/chat/completions");
}

export function responsesUrl(c: Creds): string {
  return isV1(c.apiVersion) ? v1(c, "/responses") : dated(c, "/responses");
}

export function modelsUrl(c: Creds): string {
  return isV1(c.apiVersion) ? v1(c, "/models") : dated(c, "/models");
}
