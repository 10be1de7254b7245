// The upstream candidates of a model depend only on the requested model and the forced provider:
// the directory and the catalog are fixed for the life of the process. Resolved lists are kept
// (the arrays are shared: callers only read them); failures are not, they throw every time.
import type { ProviderDirectory } from "@switchyard/providers";
import { type Candidate, resolveCandidates } from "./resolve-model.ts";

const MAX_ENTRIES = 1_000;

export function candidateCache(directory: ProviderDirectory): (requested: string, forced: string | undefined) => Candidate[] {
  const resolved = new Map<string, Candidate[]>();
  return (requested, forced) => {
    // A forced provider is resolved (so it exists, and provider ids hold no NUL) before anything is kept.
    const key = `${forced ?? ""}\u0000${requested}`;
    let candidates = resolved.get(key);
    if (candidates === undefined) {
      candidates = resolveCandidates(directory, requested, forced);
      if (resolved.size >= MAX_ENTRIES) resolved.clear();
      resolved.set(key, candidates);
    }
    return candidates;
  };
}
