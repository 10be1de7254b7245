// The client-facing error for a failed last attempt: what failed, where, never a key.
import { SwitchyardError } from "@switchyard/core";
import type { UpstreamFailure } from "@switchyard/providers";
import type { Attempt } from "./plan.ts";

export function upstreamError(failure: UpstreamFailure, attempt: Attempt): SwitchyardError {
  const provider = attempt.candidate.entry.definition;
  const from = `${provider.name} (${provider.id})`;
  const headers: Record<string, string> = failure.retryAfter ? { "retry-after": failure.retryAfter } : {};
  const param = failure.param ? { param: failure.param } : {};
  switch (failure.kind) {
    case "auth":
      return attempt.keySource === "byok"
        ? new SwitchyardError("provider_key_rejected", `Your organization's ${from} key was rejected by the provider (HTTP ${failure.status}). Check or replace the key.`)
        : new SwitchyardError("upstream_error", `${from} rejected the gateway's own key (HTTP ${failure.status}); the operator must fix it.`);
    case "rate_limit":
      return new SwitchyardError("rate_limited", `${from} is rate limiting this request: ${failure.message}`, { headers });
    case "timeout":
      return new SwitchyardError("upstream_timeout", `${from} did not answer in time.`);
    case "connection":
      return new SwitchyardError("upstream_error", `${from} could not be reached.`);
    case "server":
      // An overloaded upstream (Anthropic's 529) is a 503 the client may retry later.
      if (failure.code === "overloaded") return new SwitchyardError("service_unavailable", `${from} is overloaded: ${failure.message}`, { headers });
      return new SwitchyardError("upstream_error", `${from} failed (HTTP ${failure.status}): ${failure.message}`, { headers });
    case "client":
      if (failure.status === 404) return new SwitchyardError("model_not_found", `${from}: ${failure.message}`, param);
      if (failure.code === "upstream_url_refused") return new SwitchyardError("upstream_url_refused", failure.message);
      return new SwitchyardError("invalid_request", `${from} refused the request (HTTP ${failure.status}): ${failure.message}`, param);
  }
}
