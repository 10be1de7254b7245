// The JSON credential objects of providers that take more than a key (AWS Bedrock and the
// Azure family). Native adapters reference these; the control plane validates input against them.
import type { CredentialField } from "./types.ts";

const field = (name: string, required: boolean, secret: boolean, description: string): CredentialField => ({ name, required, secret, description });

export const jsonCredentials = {
  aws: [
    field("accessKeyId", true, false, "AWS access key id (AKIA…)"),
    field("secretAccessKey", true, true, "AWS secret access key"),
    field("region", true, false, "AWS region, e.g. us-east-1"),
    field("sessionToken", false, true, "Session token for temporary credentials"),
  ],
  azure: [
    field("endpoint", true, false, "https://<resource>.openai.azure.com"),
    field("apiKey", true, true, "Azure OpenAI key"),
    field("deploymentName", true, false, "The model deployment's name"),
    field("apiVersion", true, false, "e.g. 2024-10-21"),
    field("embeddingDeploymentName", false, false, "The deployment /v1/embeddings uses (default: one named after the model, e.g. text-embedding-3-small)"),
    field("speechDeploymentName", false, false, "The deployment /v1/audio/speech uses (default: one named after the model, e.g. tts-1)"),
    field("transcriptionDeploymentName", false, false, "The deployment /v1/audio/transcriptions and /translations use (default: one named after the model, e.g. whisper-1)"),
    field("imageDeploymentName", false, false, "The deployment /v1/images/generations and /edits use (default: one named after the model, e.g. dall-e-3)"),
    field("realtimeDeploymentName", false, false, "The deployment GET /v1/realtime uses (default: one named after the model, e.g. gpt-realtime)"),
  ],
  "azure-responses": [
    field("endpoint", true, false, "https://<resource>.openai.azure.com"),
    field("apiKey", true, true, "Azure OpenAI key"),
    field("apiVersion", true, false, "e.g. 2025-04-01-preview"),
  ],
  "azure-anthropic-foundry": [
    field("endpoint", true, false, "https://<resource>.services.ai.azure.com"),
    field("apiKey", true, true, "Azure AI Foundry key"),
  ],
} as const satisfies Record<string, readonly CredentialField[]>;
