// A cost breakdown as strings, for queue payloads (JSON has no decimal type).
import type { CostBreakdown } from "./cost.ts";
import { moneyString } from "./money.ts";

/** What usage events carry (see @switchyard/queue). */
export interface CostStrings {
  input: string;
  cachedInput: string;
  output: string;
  reasoning: string;
  request: string;
  /** Absent in events queued before audio, image and web-search costs existed: 0. */
  audio?: string;
  image?: string;
  webSearch?: string;
  total: string;
}

/** Fixed-point strings rounded half up to 10 places, the database's scale (never exponent notation). */
export function costToStrings(cost: CostBreakdown): CostStrings {
  return {
    input: moneyString(cost.input),
    cachedInput: moneyString(cost.cachedInput),
    output: moneyString(cost.output),
    reasoning: moneyString(cost.reasoning),
    request: moneyString(cost.request),
    audio: moneyString(cost.audio),
    image: moneyString(cost.image),
    webSearch: moneyString(cost.webSearch),
    total: moneyString(cost.total),
  };
}
