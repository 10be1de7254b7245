// The provider's small key-check request (catalog `validation`), sent the same way by every
// adapter that has one: a 2xx proves the key; anything else becomes that protocol's failure.
import { isAbort, transportFailure } from "./failures.ts";
import type { UpstreamHttp } from "./http.ts";
import type { UpstreamFailure, UpstreamTarget } from "./types.ts";

type FailureOf = (status: number, headers: Record<string, string | string[] | undefined>, body: AsyncIterable<Uint8Array>) => Promise<UpstreamFailure>;

export async function sendKeyCheck(
  http: UpstreamHttp,
  target: UpstreamTarget,
  at: { baseUrl: string; headers: Record<string, string>; untrusted: boolean },
  failure: FailureOf,
  signal: AbortSignal,
): Promise<{ ok: true } | UpstreamFailure> {
  const { validation } = target.provider;
  try {
    const res = await http.send(`${at.baseUrl}${validation.path}`, {
      method: validation.method,
      headers: at.headers,
      ...(validation.body === undefined ? {} : { body: JSON.stringify(validation.body) }),
      signal,
      untrusted: at.untrusted,
    });
    if (res.statusCode >= 200 && res.statusCode < 300) {
      await res.body.dump();
      return { ok: true };
    }
    return await failure(res.statusCode, res.headers, res.body);
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return transportFailure(error);
  }
}
