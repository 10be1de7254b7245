// What a request cost at the provider, from its usage and the catalog price in effect.
import type { Price } from "@switchyard/catalog";
import type { Decimal } from "decimal.js";
import { Money, ZERO } from "./money.ts";
import type { NormalizedUsage } from "./usage.ts";

/** USD, exact (not rounded). */
export interface CostBreakdown {
  /** Uncached input tokens. */
  input: Decimal;
  cachedInput: Decimal;
  /** Output tokens; without the reasoning ones when those have their own price. */
  output: Decimal;
  /** Reasoning tokens at their own price; 0 when they are priced as output. */
  reasoning: Decimal;
  /** The price's flat per-request fee. */
  request: Decimal;
  /** Audio: audio tokens, speech characters, transcribed minutes. */
  audio: Decimal;
  /** Images: image tokens, or per image. */
  image: Decimal;
  /** Web searches: the provider's own, or Switchyard's search for the request. */
  webSearch: Decimal;
  total: Decimal;
}

export const ZERO_COST: CostBreakdown = { input: ZERO, cachedInput: ZERO, output: ZERO, reasoning: ZERO, request: ZERO, audio: ZERO, image: ZERO, webSearch: ZERO, total: ZERO };

const MILLION = 1_000_000;

/**
 * The provider's cost of `usage` at `price` (USD per million tokens). Cached tokens are part of
 * promptTokens and reasoning tokens part of completionTokens (OpenAI's convention): cached input
 * is billed at cachedInputPerMTok (inputPerMTok when unset); reasoning at reasoningPerMTok when
 * set, else as output. Audio and image tokens are parts of the same totals, billed at their own
 * prices (the text prices when unset); characters, audio minutes, images and searches at theirs.
 * No price (unpriced model): all zero.
 */
export function computeCost(price: Price | undefined, usage: NormalizedUsage): CostBreakdown {
  if (price === undefined) return ZERO_COST;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const reasoning = Math.min(usage.reasoningTokens, usage.completionTokens);
  const reasoningApart = price.reasoningPerMTok !== undefined;
  const cachedAudio = Math.min(usage.cachedAudioTokens ?? 0, cached);
  // audioInputTokens counts cached audio too (OpenAI's input_token_details): the uncached rest.
  const audioIn = Math.max(0, Math.min((usage.audioInputTokens ?? 0) - cachedAudio, usage.promptTokens - cached));
  const imageIn = Math.min(usage.imageInputTokens ?? 0, usage.promptTokens - cached - audioIn);
  const audioOut = Math.min(usage.audioOutputTokens ?? 0, usage.completionTokens - reasoning);
  const imageOut = Math.min(usage.imageOutputTokens ?? 0, usage.completionTokens - reasoning - audioOut);
  const textIn = usage.promptTokens - cached - audioIn - imageIn;
  const textOut = usage.completionTokens - audioOut - imageOut - (reasoningApart ? reasoning : 0);

  const input = perMTok(textIn, price.inputPerMTok);
  const cachedInput = perMTok(cached - cachedAudio, price.cachedInputPerMTok ?? price.inputPerMTok);
  const output = perMTok(textOut, price.outputPerMTok);
  const reasoningCost = reasoningApart ? perMTok(reasoning, price.reasoningPerMTok!) : ZERO;
  const request = price.perRequest !== undefined ? new Money(price.perRequest) : ZERO;
  const audio = perMTok(audioIn, price.audioInputPerMTok ?? price.inputPerMTok)
    .plus(perMTok(cachedAudio, price.cachedAudioInputPerMTok ?? price.audioInputPerMTok ?? price.cachedInputPerMTok ?? price.inputPerMTok))
    .plus(perMTok(audioOut, price.audioOutputPerMTok ?? price.outputPerMTok))
    .plus(perMTok(usage.characters ?? 0, price.perMCharacters ?? "0"))
    .plus(usage.audioSeconds && price.perMinute ? new Money(price.perMinute).times(usage.audioSeconds).div(60) : ZERO);
  const image = perMTok(imageIn, price.imageInputPerMTok ?? price.inputPerMTok)
    .plus(perMTok(imageOut, price.imageOutputPerMTok ?? price.outputPerMTok))
    .plus(usage.images && usage.imageVariant && price.perImage?.[usage.imageVariant] ? new Money(price.perImage[usage.imageVariant]!).times(usage.images) : ZERO);
  const webSearch = usage.webSearches && price.perWebSearch ? new Money(price.perWebSearch).times(usage.webSearches) : ZERO;
  const total = input.plus(cachedInput).plus(output).plus(reasoningCost).plus(request).plus(audio).plus(image).plus(webSearch);
  return { input, cachedInput, output, reasoning: reasoningCost, request, audio, image, webSearch, total };
}

/** `cost` with a web search's cost added (Switchyard's search for a chat request). */
export function withWebSearch(cost: CostBreakdown, search: Decimal): CostBreakdown {
  return { ...cost, webSearch: cost.webSearch.plus(search), total: cost.total.plus(search) };
}

function perMTok(tokens: number, usdPerMTok: string): Decimal {
  return tokens === 0 ? ZERO : new Money(usdPerMTok).times(tokens).div(MILLION);
}
