// Every provider the catalog knows, in display order, and lookups by id.
import type { ProviderDefinition } from "../types.ts";
import akash from "./akash.ts";
import aws from "./aws.ts";
import anthropic from "./anthropic.ts";
import azureAnthropicFoundry from "./azure-anthropic-foundry.ts";
import azure from "./azure.ts";
import azureResponses from "./azure-responses.ts";
import cerebras from "./cerebras.ts";
import chutes from "./chutes.ts";
import deepinfra from "./deepinfra.ts";
import deepseek from "./deepseek.ts";
import fireworks from "./fireworks.ts";
import gmicloud from "./gmicloud.ts";
import google from "./google.ts";
import groq from "./groq.ts";
import hyperbolic from "./hyperbolic.ts";
import meganova from "./meganova.ts";
import moonshot from "./moonshot.ts";
import morpheus from "./morpheus.ts";
import novita from "./novita.ts";
import nvidia from "./nvidia.ts";
import openai from "./openai.ts";
import openaiResponses from "./openai-responses.ts";
import openrouter from "./openrouter.ts";
import sambanova from "./sambanova.ts";
import sarvam from "./sarvam.ts";
import siliconflow from "./siliconflow.ts";
import together from "./together.ts";
import vercel from "./vercel.ts";
import zai from "./zai.ts";

export const providers: readonly ProviderDefinition[] = [
  openai,
  openrouter,
  chutes,
  groq,
  sambanova,
  vercel,
  novita,
  meganova,
  siliconflow,
  akash,
  nvidia,
  zai,
  gmicloud,
  cerebras,
  deepinfra,
  hyperbolic,
  morpheus,
  fireworks,
  together,
  deepseek,
  moonshot,
  sarvam,
  google,
  anthropic,
  azureAnthropicFoundry,
  openaiResponses,
  azure,
  azureResponses,
  aws,
];

export const providerIds: readonly string[] = providers.map((p) => p.id);

const byId = new Map(providers.map((p) => [p.id, p]));

export function getProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}
