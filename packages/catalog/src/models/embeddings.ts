// Embedding models (kind "embedding", served by POST /v1/embeddings). Embeddings bill input
// tokens only: outputPerMTok is "0".
//
// - OpenAI: $0.02 (text-embedding-3-small), $0.13 (-3-large), $0.10 (ada-002) per 1M tokens,
//   standard (non-batch) prices since the 3 models launched on 2024-01-25.
// - Azure OpenAI: Global Standard deployments at OpenAI's list prices, like the chat models
//   (see openai.ts). // unverified: Azure's script-rendered pricing page
// - Google AI Studio: gemini-embedding-001 $0.15 per 1M input tokens, GA 2025-07-14. The Gemini API
//   reports no token counts for embeddings: the gateway estimates them (usage_estimated).
// - Amazon Bedrock, on-demand in US East (N. Virginia): Titan Text Embeddings V2 $0.00002 per 1K
//   tokens (GA 2024-04-30); Cohere Embed English and Multilingual v3 $0.0001 per 1K tokens
//   (on Bedrock since 2023-11-13). // unverified: read from third-party copies of the pricing page
// - Open models: Together and Fireworks price embeddings by model size (up to 150M parameters
//   $0.008, 150M–350M $0.016 per 1M tokens); DeepInfra bge-large-en-v1.5 $0.01. // unverified
import type { ModelDefinition, ModelOffering } from "../types.ts";
import { PRICING } from "./sources.ts";

const GOOGLE_PRICING = "https://ai.google.dev/gemini-api/docs/pricing";
const BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/";

function offering(providerId: string, upstreamModel: string, effectiveFrom: string, inputPerMTok: string, source: string): ModelOffering {
  return { providerId, upstreamModel, prices: [{ effectiveFrom, inputPerMTok, outputPerMTok: "0", source }] };
}

function embedding(id: string, name: string, ownedBy: string, contextLength: number, offerings: ModelOffering[]): ModelDefinition {
  return { id, kind: "embedding", name, ownedBy, contextLength, offerings };
}

export const embeddingModels: readonly ModelDefinition[] = [
  embedding("text-embedding-3-small", "Text Embedding 3 Small", "openai", 8192, [
    offering("openai", "text-embedding-3-small", "2024-01-25", "0.02", PRICING.openai),
    offering("azure", "text-embedding-3-small", "2024-01-25", "0.02", PRICING.azure),
  ]),
  embedding("text-embedding-3-large", "Text Embedding 3 Large", "openai", 8192, [
    offering("openai", "text-embedding-3-large", "2024-01-25", "0.13", PRICING.openai),
    offering("azure", "text-embedding-3-large", "2024-01-25", "0.13", PRICING.azure),
  ]),
  embedding("text-embedding-ada-002", "Text Embedding Ada 002", "openai", 8192, [
    offering("openai", "text-embedding-ada-002", "2022-12-15", "0.10", PRICING.openai),
    offering("azure", "text-embedding-ada-002", "2022-12-15", "0.10", PRICING.azure),
  ]),
  embedding("gemini-embedding-001", "Gemini Embedding", "google", 2048, [offering("google", "gemini-embedding-001", "2025-07-14", "0.15", GOOGLE_PRICING)]),
  embedding("amazon.titan-embed-text-v2", "Amazon Titan Text Embeddings V2", "amazon", 8192, [offering("aws", "amazon.titan-embed-text-v2:0", "2024-04-30", "0.02", BEDROCK_PRICING)]),
  embedding("cohere.embed-english-v3", "Cohere Embed English v3", "cohere", 512, [offering("aws", "cohere.embed-english-v3", "2023-11-13", "0.10", BEDROCK_PRICING)]),
  embedding("cohere.embed-multilingual-v3", "Cohere Embed Multilingual v3", "cohere", 512, [offering("aws", "cohere.embed-multilingual-v3", "2023-11-13", "0.10", BEDROCK_PRICING)]),
  embedding("bge-large-en-v1.5", "BGE Large EN v1.5", "baai", 512, [
    offering("together", "BAAI/bge-large-en-v1.5", "2024-01-01", "0.016", PRICING.together),
    offering("deepinfra", "BAAI/bge-large-en-v1.5", "2024-01-01", "0.01", PRICING.deepinfra),
  ]),
  embedding("nomic-embed-text-v1.5", "Nomic Embed Text v1.5", "nomic-ai", 8192, [offering("fireworks", "nomic-ai/nomic-embed-text-v1.5", "2024-02-15", "0.008", PRICING.fireworks)]),
];
