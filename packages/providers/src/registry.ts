// Adapters by protocol: the only place that chooses code by provider kind.
import { SwitchyardError } from "@switchyard/core";
import type { Protocol } from "@switchyard/catalog";
import { anthropicAdapter } from "./anthropic/adapter.ts";
import { bedrockAdapter } from "./bedrock/adapter.ts";
import { azureAdapter } from "./azure/adapter.ts";
import { azureResponsesRoute } from "./azure/responses-route.ts";
import type { UpstreamHttp } from "./http.ts";
import { googleAdapter } from "./google/adapter.ts";
import { openAICompatibleAdapter } from "./openai-compatible/adapter.ts";
import { openAIRoute, responsesAdapter } from "./openai-responses/adapter.ts";
import type { ChatAdapter } from "./types.ts";

export type AdapterRegistry = (protocol: Protocol) => ChatAdapter;

export function createAdapterRegistry(http: UpstreamHttp): AdapterRegistry {
  const adapters: Partial<Record<Protocol, ChatAdapter>> = {
    "openai-compatible": openAICompatibleAdapter(http),
    anthropic: anthropicAdapter(http),
    google: googleAdapter(http),
    bedrock: bedrockAdapter(http),
    "openai-responses": responsesAdapter(http, openAIRoute),
    azure: azureAdapter(http),
    "azure-responses": responsesAdapter(http, azureResponsesRoute),
  };
  return (protocol) => {
    const adapter = adapters[protocol];
    if (!adapter) throw new SwitchyardError("unknown_provider", `Providers speaking ${protocol} are not supported yet.`);
    return adapter;
  };
}
