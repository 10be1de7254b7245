// The client-facing error for a failed last search attempt: which provider failed and how,
// never a key. Statuses follow chat's (chat/upstream-error.ts): an own key the provider rejects
// (401/403) or has no credit for is 403 provider_key_rejected, the same for the gateway's own key
// is the operator's problem (502); a rate limit is 429 with the provider's retry-after passed on,
// other provider failures 502, timeouts 504.
import { SwitchyardError } from "@switchyard/core";
import type { SearchFailure } from "@switchyard/websearch";
import type { SearchAttempt } from "./plan.ts";

export function searchError(failure: SearchFailure, attempt: SearchAttempt): SwitchyardError {
  const provider = attempt.entry.provider;
  const from = `${provider.name} (${provider.id})`;
  const headers: Record<string, string> = failure.retryAfter ? { "retry-after": failure.retryAfter } : {};
  switch (failure.kind) {
    case "auth":
    case "forbidden":
      return attempt.keySource === "byok"
        ? new SwitchyardError("provider_key_rejected", `Your organization's ${from} web-search key was rejected by the provider (HTTP ${failure.status}): ${failure.message} Check or replace the key.`)
        : new SwitchyardError("upstream_error", `${from} rejected the gateway's own web-search key (HTTP ${failure.status}); the operator must fix it.`);
    case "rate_limit":
      return new SwitchyardError("rate_limited", `${from} is rate limiting this search: ${failure.message}`, { headers });
    case "timeout":
      return new SwitchyardError("upstream_timeout", `${from} did not answer in time.`);
    case "connection":
      return new SwitchyardError("upstream_error", `${from} could not be reached.`);
    case "server":
      return new SwitchyardError("upstream_error", `${from} failed (HTTP ${failure.status}): ${failure.message}`, { headers });
    case "client":
      if (outOfCredit(failure)) {
        return attempt.keySource === "byok"
          ? new SwitchyardError("provider_key_rejected", `${from} refused the search with your organization's web-search key (HTTP ${failure.status}, no credit or plan limit): ${failure.message}`)
          : new SwitchyardError("upstream_error", `${from} refused the gateway's own web-search key (HTTP ${failure.status}, no credit or plan limit); the operator must fix it.`);
      }
      return new SwitchyardError("invalid_request", `${from} refused the search (HTTP ${failure.status}): ${failure.message}`);
  }
}

/** The key's account cannot pay: Exa 402, Tavily 432 (plan limit) and 433 (pay-as-you-go limit). */
function outOfCredit(failure: SearchFailure): boolean {
  return failure.status === 402 || failure.status === 432 || failure.status === 433;
}

/** Worth trying the next attempt: everything but a refused request (which would fail anywhere). */
export function retryable(failure: SearchFailure): boolean {
  return failure.kind !== "client" || outOfCredit(failure);
}
