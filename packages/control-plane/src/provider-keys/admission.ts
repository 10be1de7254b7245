// Everything that happens before a key is stored: parse the credentials, check the base URL,
// then prove the key with the provider. Nothing is saved when any step fails.
import { InputError } from "../graph/errors.ts";
import type { Context } from "../graph/context.ts";
import type { ProviderKeyKind } from "@switchyard/db";
import { checkBaseUrl } from "./base-url.ts";
import { parseCredentials, type ParsedCredentials } from "./credentials.ts";
import { KeyRejectedError } from "./errors.ts";
import { keyTarget, type KeyTarget } from "./targets.ts";

export interface AdmittedKey extends ParsedCredentials {
  target: KeyTarget;
  /** Non-secret settings stored beside the key. */
  config: Record<string, string>;
}

export function knownTarget(kind: ProviderKeyKind, providerId: string): KeyTarget {
  const target = keyTarget(kind, providerId);
  if (!target) throw new InputError("providerId", `Unknown ${kind === "model" ? "provider" : "web-search provider"} "${providerId}".`);
  return target;
}

export async function admitKey(ctx: Context, input: { kind: ProviderKeyKind; providerId: string; secret: string; baseUrl?: string | null }): Promise<AdmittedKey> {
  const target = knownTarget(input.kind, input.providerId);
  const parsed = parseCredentials(input.secret, target.credentialFields);
  let baseUrl: string | undefined;
  if (input.baseUrl) {
    if (!target.customBaseUrl) throw new InputError("baseUrl", `${target.name} keys cannot carry a base URL.`);
    baseUrl = checkBaseUrl(input.baseUrl, ctx.deps.upstreamAllowlist);
  }
  await prove(ctx, target, parsed.secret, baseUrl);
  return { ...parsed, target, config: { ...parsed.settings, ...(baseUrl ? { baseUrl } : {}) } };
}

/** The provider's small test request; a refusal is a typed KeyRejectedError. */
export async function prove(ctx: Context, target: KeyTarget, secret: string, baseUrl: string | undefined): Promise<void> {
  const check = await ctx.deps.validateKey({ kind: target.kind, providerId: target.id, secret, ...(baseUrl ? { baseUrl } : {}) });
  if (!check.ok) throw new KeyRejectedError(check.message, check.reason, check.upstreamStatus);
}
