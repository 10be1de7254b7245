// The usage event: everything needed to bill and analyse one request, and never a secret.
// Money travels as decimal strings (no floats); the worker turns them into Decimal.

import type { CostStrings, KeySource, UsageUnits } from "@switchyard/metering";

export type { CostStrings, KeySource, UsageUnits };
export type UsageStatus = "success" | "upstream_error" | "client_error" | "client_abort";

export interface UsageEventJob {
  requestId: string;
  organizationId: string;
  projectId: string;
  apiKeyId: string;
  providerId: string;
  model: string;
  upstreamModel: string;
  endpoint: string;
  keySource: KeySource;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  usageEstimated: boolean;
  /** False when the catalog has no price for the model at this provider. */
  priced: boolean;
  cost: CostStrings;
  /** Quantities besides text tokens (audio, images, characters, seconds, searches); absent for plain text. */
  units?: UsageUnits;
  markup: string;
  amountBilled: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  status: UsageStatus;
  httpStatus: number;
  errorCode: string | null;
  attempts: number;
  /** ISO time the request arrived. */
  createdAt: string;
}
