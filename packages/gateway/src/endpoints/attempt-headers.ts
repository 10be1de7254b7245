// The x-switchyard-* response headers of the attempt that answered (or failed last).
import type { UpstreamFailure } from "@switchyard/providers";
import type { Attempt } from "../chat/plan.ts";

export function attemptHeaders(requestId: string, attempt: Attempt, attempts: number, failures: ReadonlyArray<{ attempt: Attempt; failure: UpstreamFailure }>): Record<string, string> {
  const headers: Record<string, string> = {
    "x-switchyard-request-id": requestId,
    "x-switchyard-provider": attempt.candidate.entry.definition.id,
    "x-switchyard-key-source": attempt.keySource,
    "x-switchyard-attempts": String(attempts),
  };
  const rejected = failures.find((f) => f.attempt.keySource === "byok" && f.failure.kind === "auth");
  if (rejected) headers["x-switchyard-byok-error"] = `key_rejected:${rejected.attempt.candidate.entry.definition.id}`;
  return headers;
}
