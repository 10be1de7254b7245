// Providers are data: an OpenAI-compatible provider is one call with its facts.
import type { ProviderDefinition, ProviderQuirks } from "./types.ts";

export interface OpenAICompatibleInput {
  id: string;
  name: string;
  baseUrl: string;
  docsUrl: string;
  auth?: ProviderDefinition["auth"];
  headers?: Record<string, string>;
  validation?: ProviderDefinition["validation"];
  quirks?: Partial<ProviderQuirks>;
  supports?: ProviderDefinition["supports"];
  /** Default true: an organization's key may point at a proxy of this API. */
  customBaseUrl?: boolean;
}

export function defineOpenAICompatible(input: OpenAICompatibleInput): ProviderDefinition {
  return {
    id: input.id,
    name: input.name,
    protocol: "openai-compatible",
    baseUrl: input.baseUrl.replace(/\/+$/, ""),
    auth: input.auth ?? { header: "authorization", prefix: "Bearer " },
    ...(input.headers ? { headers: input.headers } : {}),
    credentials: "key",
    customBaseUrl: input.customBaseUrl ?? true,
    ...(input.supports ? { supports: input.supports } : {}),
    validation: input.validation ?? { method: "GET", path: "/models" },
    quirks: { streamUsage: true, ...input.quirks },
    docsUrl: input.docsUrl,
  };
}

/**
 * What an organization's own OpenAI-compatible endpoint (`custom:<slug>`) may serve besides chat:
 * every OpenAI HTTP endpoint the gateway relays. Whether it really has one is its own answer (a
 * 404 there reaches the client as an upstream error).
 */
export const CUSTOM_PROVIDER_SUPPORTS = { embeddings: true, speech: true, transcription: true, images: true } as const;

/** An organization's own OpenAI-compatible endpoint as a provider. */
export function defineCustomProvider(input: { id: string; name: string; baseUrl: string }): ProviderDefinition {
  return defineOpenAICompatible({ ...input, docsUrl: input.baseUrl, supports: { ...CUSTOM_PROVIDER_SUPPORTS } });
}
