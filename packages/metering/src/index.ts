// @switchyard/metering: usage → tokens → cost → who pays. Money is Decimal throughout.
export { bill, DEFAULT_BYOK_MARKUP_RATE, DEFAULT_CREDITS_MARGIN, type BillArgs, type Billing, type KeySource } from "./billing.ts";
export { chargeAt, paidEquivalentOffering, type Charge, type ChargeArgs } from "./charge.ts";
export { computeCost, withWebSearch, ZERO_COST, type CostBreakdown } from "./cost.ts";
export { costToStrings, type CostStrings } from "./cost-strings.ts";
export { countTextTokens } from "./count-tokens.ts";
export {
  estimateCompletionTokens,
  estimatePromptTokens,
  TOKENS_PER_IMAGE,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_NAME,
  TOKENS_PER_REPLY,
  TOKENS_PER_TOOL,
  TOKENS_PER_TOOL_CALL,
} from "./estimate.ts";
export { isRecord } from "./is-record.ts";
export { Money, MONEY_DECIMAL_PLACES, moneyString, roundMoney } from "./money.ts";
export { usageResponseFields, type UsageResponseArgs, type UsageResponseFields } from "./response-usage.ts";
export { chargeRequest, type RequestCharge, type RequestChargeArgs } from "./request-charge.ts";
export { normalizeOpenAIUsage, usageUnits, type NormalizedUsage, type SearchPart, type UsageUnits } from "./usage.ts";
