// A provider's status for an organization, as a dashboard shows it.
import type { ProviderKeyStatus } from "@switchyard/db";

export type ProviderStatus = "NOT_CONFIGURED" | "ACTIVE" | "INACTIVE" | "INVALID";

/** Active if a key is active; otherwise the most recently changed key decides. */
export function providerStatus(keys: ReadonlyArray<{ status: ProviderKeyStatus; updatedAt: Date }>): ProviderStatus {
  if (keys.length === 0) return "NOT_CONFIGURED";
  if (keys.some((k) => k.status === "active")) return "ACTIVE";
  const latest = keys.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  return latest.status === "invalid" ? "INVALID" : "INACTIVE";
}
