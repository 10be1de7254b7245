// The client-facing error for a failed last attempt: what failed, where, never a key.
import { SwitchyardError } from "@switchyard/core";
import type { UpstreamFailure } from "@switchyard/providers";
import type { Attempt } from "./plan.ts";

/** `extra`: response headers the error carries besides retry-after (the x-switchyard-* ones). */
export function upstreamError(failure: UpstreamFailure, attempt: Attempt, extra: Record<string, string> = {}): SwitchyardError {
  const provider = attempt.candidate.entry.definition;
  const from = `${provider.name} (${provider.id})`;
  // retry-after only where the failure is worth retrying later.
  const retry = { headers: failure.retryAfter ? { "retry-after": failure.retryAfter, ...extra } : extra };
  const plain = { headers: extra };
  const param = failure.param ? { param: failure.param, headers: extra } : plain;
  switch (failure.kind) {
    case "auth":
      return attempt.keySource === "byok"
        ? new SwitchyardError("provider_key_rejected", `Your organization's ${from} key was rejected by the provider (HTTP ${failure.status}). Check or replace the key.`, plain)
        : new SwitchyardError("upstream_error", `${from} rejected the gateway's own key (HTTP ${failure.status}); the operator must fix it.`, plain);
    case "rate_limit":
      return new SwitchyardError("rate_limited", `${from} is rate limiting this request: ${failure.message}`, retry);
    case "timeout":
      return new SwitchyardError("upstream_timeout", `${from} did not answer in time.`, plain);
    case "connection":
      return new SwitchyardError("upstream_error", `${from} could not be reached.`, plain);
    case "server":
      // An overloaded upstream (Anthropic's 529) is a 503 the client may retry later.
      if (failure.code === "overloaded") return new SwitchyardError("service_unavailable", `${from} is overloaded: ${failure.message}`, retry);
      return new SwitchyardError("upstream_error", `${from} failed (HTTP ${failure.status}): ${failure.message}`, retry);
    case "client":
      if (failure.status === 404) return new SwitchyardError("model_not_found", `${from}: ${failure.message}`, param);
      if (failure.code === "upstream_url_refused") return new SwitchyardError("upstream_url_refused", failure.message, plain);
      return new SwitchyardError("invalid_request", `${from} refused the request (HTTP ${failure.status}): ${failure.message}`, param);
  }
}
