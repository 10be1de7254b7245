// Which key each attempt uses, in order. Pure: the table test drives it through the gateway.
//
// - credits: the operator's house key, paid from credits.
// - byok:    only the organization's own key; none → provider_key_required.
// - hybrid:  the own key if active, then credits (unless the project forbids the fallback).
// - x-use-byok: true, or byok_conf with fallback false: an own key is required, no credits.
// - byok_conf: inline credentials for its provider, tried first; never stored.
// - custom providers (the organization's own endpoints) always use the organization's key.
import { SwitchyardError } from "@switchyard/core";
import type { OrgKey } from "./org-keys.ts";
import type { Candidate } from "./resolve-model.ts";

export type ProjectMode = "credits" | "byok" | "hybrid";

export interface Attempt {
  candidate: Candidate;
  keySource: "credits" | "byok";
  secret: string;
  /** "inline" when the secret came from byok_conf. */
  origin: "org" | "inline" | "house";
  /** The own key's base URL, when it names one (a tenant-supplied URL: SSRF-guarded). */
  baseUrl?: string;
}

export interface PlanInput {
  mode: ProjectMode;
  allowCreditsFallback: boolean;
  candidates: Candidate[];
  /** The organization's active key for a provider (decrypted), if any. */
  orgKey: (providerId: string) => OrgKey | undefined;
  inline: { providerId: string; secret: string; fallback: boolean } | undefined;
  useByok: boolean;
  hasCredits: boolean;
}

export function planAttempts(input: PlanInput): Attempt[] {
  const { mode, candidates, inline } = input;
  const ownRequired = mode === "byok" || input.useByok || inline?.fallback === false;
  const attempts: Attempt[] = [];
  let creditsBlockedByBalance = false;
  for (const candidate of candidates) {
    const providerId = candidate.entry.definition.id;
    const own =
      inline !== undefined && (inline.providerId === providerId || candidate.entry.definition.aliases?.includes(inline.providerId) === true)
        ? { secret: inline.secret, origin: "inline" as const, baseUrl: undefined }
        : mode !== "credits" || input.useByok || candidate.entry.untrusted === true
          ? withOrigin(input.orgKey(providerId))
          : undefined;
    if (own) attempts.push({ candidate, keySource: "byok", secret: own.secret, origin: own.origin, ...(own.baseUrl ? { baseUrl: own.baseUrl } : {}) });
    const creditsAllowed = !ownRequired && !(own && mode === "hybrid" && !input.allowCreditsFallback);
    const house = candidate.entry.houseKey;
    if (creditsAllowed && house) {
      if (input.hasCredits) attempts.push({ candidate, keySource: "credits", secret: house, origin: "house" });
      else creditsBlockedByBalance = true;
    }
  }
  if (attempts.length > 0) return attempts;
  if (creditsBlockedByBalance) {
    throw new SwitchyardError("insufficient_credits", "Your organization's credit balance is exhausted. Add credits, or add your own provider key to use it instead.");
  }
  const provider = candidates[0]!.entry.definition;
  const why = ownRequired
    ? mode === "byok"
      ? "This project uses its own provider keys (mode byok)"
      : "This request requires your own provider key"
    : "The gateway has no key of its own for this provider";
  throw new SwitchyardError(
    "provider_key_required",
    `${why}, and your organization has no active ${provider.name} key (provider \`${provider.id}\`). Add one with the control plane's provider keys, or pass byok_conf with credentials.`,
  );
}

function withOrigin(key: OrgKey | undefined): (OrgKey & { origin: "org" }) | undefined {
  return key === undefined ? undefined : { ...key, origin: "org" };
}
