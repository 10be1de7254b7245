// Azure OpenAI keys are JSON credentials (catalog `jsonCredentials.azure` and
// `["azure-responses"]`): the resource endpoint, the key, the API version and, for chat
// completions, the deployment. The endpoint is the tenant's (or the operator's, for a house
// key): tenant endpoints go through the SSRF guard. The key is never put in a message.
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export interface AzureCredentials {
  /** https://<resource>.openai.azure.com, without a trailing slash or /openai suffix. */
  endpoint: string;
  apiKey: string;
  apiVersion: string;
  deploymentName: string;
}

function invalid(message: string): UpstreamFailure {
  return { ok: false, kind: "auth", status: 401, message, code: "invalid_credentials", param: null, retryAfter: null };
}

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/** Parses the key; `deploymentName` is required only where the API addresses a deployment. */
export function azureCredentials(target: UpstreamTarget, needsDeployment: boolean): AzureCredentials | UpstreamFailure {
  let raw: unknown;
  try {
    raw = JSON.parse(target.secret);
  } catch {
    return invalid(`The ${target.provider.name} key must be a JSON object of credentials (endpoint, apiKey, apiVersion…).`);
  }
  const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const creds = { endpoint: text(fields.endpoint), apiKey: text(fields.apiKey), apiVersion: text(fields.apiVersion), deploymentName: text(fields.deploymentName) };
  const missing = ["endpoint", "apiKey", "apiVersion", ...(needsDeployment ? ["deploymentName"] : [])].filter((k) => !creds[k as keyof typeof creds]);
  if (missing.length > 0) return invalid(`The ${target.provider.name} credentials miss ${missing.join(", ")}.`);
  try {
    const url = new URL(creds.endpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
  } catch {
    return invalid(`The ${target.provider.name} endpoint is not a URL (expected https://<resource>.openai.azure.com).`);
  }
  return { ...creds, endpoint: creds.endpoint.replace(/\/+$/, "").replace(/\/openai(\/v1)?$/, "") };
}

/** A tenant's endpoint is untrusted; the operator's own key (credits) is not. */
export function untrustedEndpoint(target: UpstreamTarget): boolean {
  return target.untrustedUrl || target.keySource === "byok";
}

/**
 * The deployment an endpoint besides chat uses: the credentials' optional field for it (e.g.
 * `embeddingDeploymentName`), else one named after the model (the portal's default name).
 */
export function deploymentFor(target: UpstreamTarget, field: string): string {
  try {
    const value = (JSON.parse(target.secret) as Record<string, unknown>)[field];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  } catch {
    // azureCredentials() reports unusable credentials
  }
  return target.upstreamModel;
}
