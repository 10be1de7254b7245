// Proves a provider key works with the provider's small test request (through the real
// adapter) before anything is saved, and turns the outcome into a reason a UI can show.
import { getProvider, type ProviderDefinition } from "@switchyard/catalog";
import { withVersionPath, type AdapterRegistry, type ProviderDirectory, type UpstreamHttp } from "@switchyard/providers";
import { getSearchProvider, type SearchFailure } from "@switchyard/websearch";

export type KeyRejection = "invalid_key" | "forbidden" | "rate_limited" | "network_error" | "base_url_not_found" | "upstream_error" | "unsupported_provider";

export type KeyCheck = { ok: true } | { ok: false; reason: KeyRejection; message: string; upstreamStatus: number | null };

export interface KeyToValidate {
  kind: "model" | "web_search";
  providerId: string;
  secret: string;
  /** A tenant-supplied base URL (root only; Switchyard appends the version path). */
  baseUrl?: string;
  /** An organization's own endpoint (custom provider): checked at its full base URL. */
  custom?: ProviderDefinition;
}

export type KeyValidator = (key: KeyToValidate) => Promise<KeyCheck>;

const TIMEOUT_MS = 15_000;

/** A failure of either kind of adapter: status, kind and the upstream's message. */
interface Failure {
  status: number;
  kind: string;
  message: string;
  retryAfter: string | null;
}

export interface ValidatorDeps {
  directory: ProviderDirectory;
  adapters: AdapterRegistry;
  http: UpstreamHttp;
  /** Where web-search keys are checked (the provider's API unless overridden, e.g. by tests). */
  searchBaseUrl?: (providerId: string) => string | undefined;
}

export function createKeyValidator(deps: ValidatorDeps): KeyValidator {
  const validateModelKey = modelKeyValidator(deps);
  return (key) => (key.kind === "web_search" ? validateSearchKey(deps, key) : validateModelKey(key));
}

async function validateSearchKey(deps: ValidatorDeps, { providerId, secret }: KeyToValidate): Promise<KeyCheck> {
  const provider = getSearchProvider(providerId);
  if (!provider) return { ok: false, reason: "unsupported_provider", message: `Unknown web-search provider "${providerId}".`, upstreamStatus: null };
  const baseUrl = deps.searchBaseUrl?.(providerId) ?? provider.defaultBaseUrl;
  const outcome = await provider.validateKey(deps.http, { baseUrl, apiKey: secret, untrustedUrl: false }, AbortSignal.timeout(TIMEOUT_MS));
  return outcome.ok ? outcome : explain(searchFailure(outcome), provider.name, false, secret);
}

function searchFailure(f: SearchFailure): Failure {
  const kind = f.kind === "rate_limit" ? "rate_limit" : f.kind === "timeout" || f.kind === "connection" ? f.kind : "other";
  return { status: f.status, kind, message: f.message, retryAfter: f.retryAfter };
}

function modelKeyValidator(deps: ValidatorDeps): (key: KeyToValidate) => Promise<KeyCheck> {
  return async ({ providerId, secret, baseUrl, custom }) => {
    if (custom) {
      const target = { provider: custom, baseUrl: custom.baseUrl, upstreamModel: "", secret, keySource: "byok" as const, untrustedUrl: true };
      const outcome = await deps.adapters(custom.protocol).validateKey(target, AbortSignal.timeout(TIMEOUT_MS));
      return outcome.ok ? outcome : explain(outcome, custom.name, false, secret);
    }
    const entry = deps.directory.get(providerId);
    const provider = entry?.definition ?? getProvider(providerId);
    if (!entry || !provider) return { ok: false, reason: "unsupported_provider", message: `Unknown provider "${providerId}".`, upstreamStatus: null };
    let adapter;
    try {
      adapter = deps.adapters(provider.protocol);
    } catch {
      return { ok: false, reason: "unsupported_provider", message: `Keys for ${provider.name} cannot be validated yet: its protocol (${provider.protocol}) is not served.`, upstreamStatus: null };
    }
    const target = {
      provider,
      baseUrl: baseUrl === undefined ? entry.baseUrl : withVersionPath(baseUrl, provider.baseUrl),
      upstreamModel: "",
      secret,
      keySource: "byok" as const,
      untrustedUrl: baseUrl !== undefined,
    };
    const outcome = await adapter.validateKey(target, AbortSignal.timeout(TIMEOUT_MS));
    return outcome.ok ? outcome : explain(outcome, provider.name, baseUrl !== undefined, secret);
  };
}

function explain(failure: Failure, providerName: string, customBaseUrl: boolean, secret: string): KeyCheck {
  const said = redact(failure.message, secret);
  const reject = (reason: KeyRejection, message: string): KeyCheck => ({ ok: false, reason, message, upstreamStatus: failure.kind === "connection" || failure.kind === "timeout" ? null : failure.status });
  if (failure.status === 401) return reject("invalid_key", `${providerName} rejected the key as invalid (401): ${said}`);
  if (failure.status === 403) return reject("forbidden", `${providerName} refused the key (403: no access to this API or model): ${said}`);
  if (failure.kind === "rate_limit") return reject("rate_limited", `${providerName} is rate limiting this key (429)${failure.retryAfter ? `, retry after ${failure.retryAfter} s` : ""}: try again shortly.`);
  if (failure.status === 404) {
    return reject(
      "base_url_not_found",
      customBaseUrl
        ? `${providerName} answered 404 at this base URL. Give the root URL only (no /v1, /v1beta or /v2): Switchyard appends the version path.`
        : `${providerName} answered 404 to the key check: ${said}`,
    );
  }
  if (failure.kind === "connection" || failure.kind === "timeout") return reject("network_error", `Could not reach ${providerName}: ${said}`);
  return reject("upstream_error", `${providerName} answered ${failure.status} to the key check: ${said}`);
}

/** Upstreams sometimes echo the key in error messages; never pass it on. */
function redact(message: string, secret: string): string {
  return secret.length >= 4 ? message.split(secret).join("••••") : message;
}
