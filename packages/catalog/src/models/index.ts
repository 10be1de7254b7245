// Every model the catalog knows, and lookups by model id and by (model, provider).
import type { ModelDefinition, ModelOffering } from "../types.ts";
import { anthropicModels } from "./anthropic.ts";
import { bedrockModels } from "./bedrock.ts";
import { deepseekModels } from "./deepseek.ts";
import { googleModels } from "./google.ts";
import { metaLlamaModels } from "./meta-llama.ts";
import { moonshotModels } from "./moonshot.ts";
import { openaiModels } from "./openai.ts";
import { qwenModels } from "./qwen.ts";
import { sarvamModels } from "./sarvam.ts";
import { zaiModels } from "./zai.ts";

export const models: readonly ModelDefinition[] = [
  ...openaiModels,
  ...metaLlamaModels,
  ...deepseekModels,
  ...moonshotModels,
  ...zaiModels,
  ...qwenModels,
  ...sarvamModels,
  ...googleModels,
  ...anthropicModels,
  ...bedrockModels,
];

const byId = new Map(models.map((m) => [m.id, m]));

export function getModel(id: string): ModelDefinition | undefined {
  return byId.get(id);
}

export function findOffering(modelId: string, providerId: string): ModelOffering | undefined {
  return byId.get(modelId)?.offerings.find((o) => o.providerId === providerId);
}
