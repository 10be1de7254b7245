// Where a Messages request goes and with which key. Anthropic's API takes a plain key at the
// directory's base URL; Claude on Microsoft Foundry takes JSON credentials {endpoint, apiKey}
// whose endpoint the tenant supplied, so it always goes through the SSRF guard. The provider's
// version path (`/v1`, `/anthropic/v1`) is appended to the endpoint, never taken from it.
import { withVersionPath } from "../base-url.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";
import { isObject } from "./json.ts";

export interface Connection {
  ok: true;
  baseUrl: string;
  headers: Record<string, string>;
  untrusted: boolean;
}

export function connect(target: UpstreamTarget, stream: boolean): Connection | UpstreamFailure {
  const { provider } = target;
  let baseUrl = target.baseUrl;
  let key = target.secret;
  let untrusted = target.untrustedUrl;
  if (provider.credentials === "json") {
    const credentials = endpointCredentials(target.secret);
    if (!credentials) {
      const message = `${provider.name} credentials must be a JSON object with "endpoint" and "apiKey".`;
      return { ok: false, kind: "auth", status: 401, message, code: "invalid_credentials", param: null, retryAfter: null };
    }
    baseUrl = withVersionPath(credentials.endpoint.replace(/\/anthropic(\/v1)?\/*$/, ""), provider.baseUrl);
    key = credentials.apiKey;
    untrusted = true;
  }
  const headers = {
    ...provider.headers,
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    [provider.auth.header]: `${provider.auth.prefix}${key}`,
  };
  return { ok: true, baseUrl, headers, untrusted };
}

function endpointCredentials(secret: string): { endpoint: string; apiKey: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(secret);
    if (isObject(parsed) && typeof parsed.endpoint === "string" && typeof parsed.apiKey === "string" && parsed.endpoint && parsed.apiKey) {
      return { endpoint: parsed.endpoint, apiKey: parsed.apiKey };
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}
