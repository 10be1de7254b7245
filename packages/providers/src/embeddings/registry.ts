// Embedding adapters by protocol; undefined where Switchyard has no embeddings translation.
import type { Protocol } from "@switchyard/catalog";
import type { UpstreamHttp } from "../http.ts";
import { azureEmbeddings } from "./azure.ts";
import { bedrockEmbeddings } from "./bedrock.ts";
import { googleEmbeddings } from "./google.ts";
import { openAIEmbeddings } from "./openai-compatible.ts";
import type { EmbeddingsAdapter } from "./types.ts";

export type EmbeddingsRegistry = (protocol: Protocol) => EmbeddingsAdapter | undefined;

export function createEmbeddingsRegistry(http: UpstreamHttp): EmbeddingsRegistry {
  const adapters: Partial<Record<Protocol, EmbeddingsAdapter>> = {
    "openai-compatible": openAIEmbeddings(http),
    azure: azureEmbeddings(http),
    google: googleEmbeddings(http),
    bedrock: bedrockEmbeddings(http),
  };
  return (protocol) => adapters[protocol];
}
