// Realtime addressing per protocol, and what an upstream's first `error` event means for failover.
import { getProvider } from "@switchyard/catalog";
import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../types.ts";
import { realtimeAddress } from "./address.ts";
import { errorEventFailure } from "./connect.ts";

const target = (providerId: string, secret: string, over: Partial<UpstreamTarget> = {}): UpstreamTarget => {
  const provider = getProvider(providerId)!;
  return { provider, baseUrl: provider.baseUrl, upstreamModel: "gpt-realtime", secret, keySource: "credits", untrustedUrl: false, ...over };
};
const azure = (apiVersion: string) => JSON.stringify({ endpoint: "https://res.openai.azure.com/openai/", apiKey: "az-key", deploymentName: "chat", realtimeDeploymentName: "rt deploy", apiVersion });

describe("realtimeAddress", () => {
  it("OpenAI: wss on the base URL with the model, Bearer key", () => {
    expect(realtimeAddress(target("openai", "sk-1"))).toEqual({ url: "wss://api.openai.com/v1/realtime?model=gpt-realtime", headers: { authorization: "Bearer sk-1" }, untrusted: false });
  });

  it("Azure: GA path for v1, dated path with api-version and deployment otherwise; api-key; own endpoints untrusted", () => {
    expect(realtimeAddress(target("azure", azure("v1")))).toEqual({ url: "wss://res.openai.azure.com/openai/v1/realtime?model=rt%20deploy", headers: { "api-key": "az-key" }, untrusted: false });
    // Without realtimeDeploymentName: a deployment named after the model, never the chat deploymentName.
    const chatOnly = JSON.stringify({ endpoint: "https://res.openai.azure.com", apiKey: "az-key", deploymentName: "my-chat", apiVersion: "v1" });
    expect(realtimeAddress(target("azure", chatOnly, { upstreamModel: "gpt-realtime-mini" }))).toMatchObject({ url: "wss://res.openai.azure.com/openai/v1/realtime?model=gpt-realtime-mini" });
    expect(realtimeAddress(target("azure", azure("2024-10-01-preview"), { keySource: "byok" }))).toEqual({
      url: "wss://res.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=rt%20deploy",
      headers: { "api-key": "az-key" },
      untrusted: true,
    });
    expect(realtimeAddress(target("azure", "not json"))).toMatchObject({ ok: false, kind: "auth", code: "invalid_credentials" });
  });

  it("a provider without a realtime API is a client failure naming it", () => {
    expect(realtimeAddress(target("groq", "gsk"))).toMatchObject({ ok: false, kind: "client", status: 400, code: "endpoint_not_supported", message: expect.stringContaining("Groq") });
  });
});

describe("errorEventFailure", () => {
  it("classifies an upstream's first error event for failover", () => {
    expect(errorEventFailure({ type: "error", error: { type: "invalid_request_error", code: "invalid_api_key", message: "bad key" } })).toMatchObject({ kind: "auth", status: 401 });
    expect(errorEventFailure({ type: "error", error: { type: "rate_limit_error", code: null, message: "slow down" } })).toMatchObject({ kind: "rate_limit", status: 429 });
    expect(errorEventFailure({ type: "error", error: { type: "invalid_request_error", code: "model_not_found", message: "no" } })).toMatchObject({ kind: "client", status: 400 });
    expect(errorEventFailure({ type: "error", error: { type: "server_error", message: "oops" } })).toMatchObject({ kind: "server", status: 502 });
  });
});
