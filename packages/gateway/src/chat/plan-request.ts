// From an authenticated request to its planned attempts, for every data-plane endpoint: the
// forced provider (x-byok-provider or byok_conf), the model's candidates (checked by the caller,
// e.g. for the endpoint's model kind), the organization's keys when the mode needs them, the
// credit check, then planAttempts' rules (plan.ts).
import type { ModelKind } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import type { ResolvedKey } from "../key-cache.ts";
import type { Balances } from "./balances.ts";
import { type CustomProviders, resolveCustom } from "./custom-providers.ts";
import type { OrgKey, OrgKeys } from "./org-keys.ts";
import { type Attempt, planAttempts } from "./plan.ts";
import type { Candidate } from "./resolve-model.ts";

export interface ByokConf {
  provider: string;
  fallback: boolean;
  credentials: string | Record<string, unknown>;
}

export interface PlanRequestInput {
  key: ResolvedKey;
  /** A request header's value, undefined when absent. */
  header(name: string): string | undefined;
  model: string;
  /** The kind of model the endpoint serves (default chat): a custom provider's model is taken to be of it. */
  kind?: ModelKind;
  /** The body's validated byok_conf, if any. */
  byokConf: ByokConf | undefined;
  candidatesFor(model: string, forced: string | undefined): Candidate[];
  /** Throws when the candidates cannot serve this endpoint (wrong model kind, unsupported provider). */
  check?(candidates: Candidate[]): void;
  /** Throws when a provider the request forces or pins does not offer this endpoint (before its model is looked up). */
  checkProvider?(providerName: string): void;
}

export type PlanDeps = { customProviders: CustomProviders; orgKeys: OrgKeys; balances: Balances };

const NO_KEYS: ReadonlyMap<string, OrgKey> = new Map();

/** A true/false request header (absent: false). */
export function flagHeader(header: (name: string) => string | undefined, name: string): boolean {
  const value = header(name)?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new SwitchyardError("invalid_request", `Header ${name} must be true or false.`, { param: name });
}

export async function planRequest(deps: PlanDeps, input: PlanRequestInput): Promise<Attempt[]> {
  const { key, byokConf: conf } = input;
  const useByok = flagHeader(input.header, "x-use-byok");
  const headerProvider = input.header("x-byok-provider")?.trim() || undefined;
  if (conf && headerProvider && conf.provider !== headerProvider) {
    throw new SwitchyardError("invalid_request", "x-byok-provider and byok_conf.provider name different providers.", { param: "byok_conf.provider" });
  }
  const forced = conf?.provider ?? headerProvider;
  if (input.checkProvider) {
    if (forced !== undefined) input.checkProvider(forced);
    const slash = input.model.indexOf("/");
    if (slash > 0) input.checkProvider(input.model.slice(0, slash));
  }
  const candidates = (await resolveCustom(deps.customProviders, key.organizationId, input.model, forced, input.kind)) ?? input.candidatesFor(input.model, forced);
  input.check?.(candidates);
  const needOrgKeys = key.projectMode !== "credits" || useByok || candidates.some((c) => c.entry.untrusted === true);
  const orgKeys = needOrgKeys ? await deps.orgKeys.load(key.organizationId) : NO_KEYS;
  const hasCredits = key.projectMode === "byok" ? false : await deps.balances.hasCredit(key.organizationId);
  return planAttempts({
    mode: key.projectMode,
    allowCreditsFallback: key.allowCreditsFallback,
    candidates,
    orgKey: (id) => orgKeys.get(id),
    inline: conf ? { providerId: conf.provider, secret: typeof conf.credentials === "string" ? conf.credentials : JSON.stringify(conf.credentials), fallback: conf.fallback } : undefined,
    useByok,
    hasCredits,
  });
}
