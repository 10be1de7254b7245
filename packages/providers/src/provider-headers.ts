// A provider's static headers plus its auth header carrying the target's key.
import type { UpstreamTarget } from "./types.ts";

export function providerAuthHeaders(target: UpstreamTarget): Record<string, string> {
  const { auth, headers } = target.provider;
  return Object.assign({}, headers, { [auth.header]: `${auth.prefix}${target.secret}` });
}
