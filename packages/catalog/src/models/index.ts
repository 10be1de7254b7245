// Every model the catalog knows, and lookups by model id and by (model, provider).
import type { ModelDefinition, ModelOffering } from "../types.ts";
import { anthropicModels } from "./anthropic.ts";
import { audioModels } from "./audio.ts";
import { bedrockModels } from "./bedrock.ts";
import { deepseekModels } from "./deepseek.ts";
import { embeddingModels } from "./embeddings.ts";
import { googleModels } from "./google.ts";
import { imageModels } from "./images.ts";
import { metaLlamaModels } from "./meta-llama.ts";
import { moonshotModels } from "./moonshot.ts";
import { openaiModels } from "./openai.ts";
import { openaiSearchModels } from "./openai-search.ts";
import { qwenModels } from "./qwen.ts";
import { realtimeModels } from "./realtime.ts";
import { sarvamModels } from "./sarvam.ts";
import { zaiModels } from "./zai.ts";

export const models: readonly ModelDefinition[] = [
  ...openaiModels,
  ...openaiSearchModels,
  ...metaLlamaModels,
  ...deepseekModels,
  ...moonshotModels,
  ...zaiModels,
  ...qwenModels,
  ...sarvamModels,
  ...googleModels,
  ...anthropicModels,
  ...bedrockModels,
  ...audioModels,
  ...imageModels,
  ...realtimeModels,
  ...embeddingModels,
];

const byId = new Map(models.map((m) => [m.id, m]));

export function getModel(id: string): ModelDefinition | undefined {
  return byId.get(id);
}

export function findOffering(modelId: string, providerId: string): ModelOffering | undefined {
  return byId.get(modelId)?.offerings.find((o) => o.providerId === providerId);
}
