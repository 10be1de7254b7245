// Realtime models (speech-to-speech over WebSocket, GET /v1/realtime): text and audio tokens at
// their own prices, cached input at the cached prices. OpenAI's list prices per million tokens
// (platform.openai.com/docs/pricing, "Realtime API"); Azure's Global Standard deployments charge
// the same. Image input (gpt-realtime) is not priced here: the relay bills the response's
// text and audio tokens as `response.done` reports them.
import type { ModelDefinition, ModelOffering, Price } from "../types.ts";
import { PRICING } from "./sources.ts";

type Rates = Omit<Price, "source" | "effectiveFrom">;

function offerings(upstreamModel: string, effectiveFrom: string, rates: Rates): ModelOffering[] {
  return [
    { providerId: "openai", upstreamModel, prices: [{ effectiveFrom, ...rates, source: PRICING.openai }] },
    { providerId: "azure", upstreamModel, prices: [{ effectiveFrom, ...rates, source: PRICING.azure }] },
  ];
}

export const realtimeModels: readonly ModelDefinition[] = [
  {
    id: "gpt-realtime",
    kind: "realtime",
    name: "gpt-realtime",
    ownedBy: "openai",
    contextLength: 32_000,
    offerings: offerings("gpt-realtime", "2025-08-28", {
      inputPerMTok: "4.00",
      cachedInputPerMTok: "0.40",
      outputPerMTok: "16.00",
      audioInputPerMTok: "32.00",
      cachedAudioInputPerMTok: "0.40",
      audioOutputPerMTok: "64.00",
    }),
  },
  {
    id: "gpt-realtime-mini",
    kind: "realtime",
    name: "gpt-realtime-mini",
    ownedBy: "openai",
    contextLength: 32_000,
    offerings: offerings("gpt-realtime-mini", "2025-10-06", {
      inputPerMTok: "0.60",
      cachedInputPerMTok: "0.06",
      outputPerMTok: "2.40",
      audioInputPerMTok: "10.00",
      cachedAudioInputPerMTok: "0.30",
      audioOutputPerMTok: "20.00",
    }),
  },
  {
    id: "gpt-4o-realtime-preview",
    kind: "realtime",
    name: "GPT-4o Realtime (preview)",
    ownedBy: "openai",
    contextLength: 32_000,
    offerings: offerings("gpt-4o-realtime-preview", "2024-12-17", {
      inputPerMTok: "5.00",
      cachedInputPerMTok: "2.50",
      outputPerMTok: "20.00",
      audioInputPerMTok: "40.00",
      cachedAudioInputPerMTok: "2.50",
      audioOutputPerMTok: "80.00",
    }),
  },
  {
    id: "gpt-4o-mini-realtime-preview",
    kind: "realtime",
    name: "GPT-4o mini Realtime (preview)",
    ownedBy: "openai",
    contextLength: 16_000,
    offerings: offerings("gpt-4o-mini-realtime-preview", "2024-12-17", {
      inputPerMTok: "0.60",
      cachedInputPerMTok: "0.30",
      outputPerMTok: "2.40",
      audioInputPerMTok: "10.00",
      cachedAudioInputPerMTok: "0.30",
      audioOutputPerMTok: "20.00",
    }),
  },
];
