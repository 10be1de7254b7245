// Adapters by protocol: the only place that chooses code by provider kind.
import { SwitchyardError } from "@switchyard/core";
import type { Protocol } from "@switchyard/catalog";
import type { UpstreamHttp } from "./http.ts";
import { openAICompatibleAdapter } from "./openai-compatible/adapter.ts";
import type { ChatAdapter } from "./types.ts";

export type AdapterRegistry = (protocol: Protocol) => ChatAdapter;

export function createAdapterRegistry(http: UpstreamHttp): AdapterRegistry {
  const adapters: Partial<Record<Protocol, ChatAdapter>> = { "openai-compatible": openAICompatibleAdapter(http) };
  return (protocol) => {
    const adapter = adapters[protocol];
    if (!adapter) throw new SwitchyardError("unknown_provider", `Providers speaking ${protocol} are not supported yet.`);
    return adapter;
  };
}
