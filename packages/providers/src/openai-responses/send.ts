// One upstream HTTP exchange for the native adapters here (Responses, Azure): send, classify a
// transport failure or a non-2xx answer, read a JSON body. Aborts (client gone) are rethrown.
import type { Dispatcher } from "undici";
import { httpFailure, isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import type { UpstreamHttp } from "../http.ts";
import type { UpstreamFailure } from "../types.ts";

type Answer = Dispatcher.ResponseData<unknown>;
type Headers = Answer["headers"];

/** Azure sends `retry-after-ms` (and usually `retry-after`); keep whole seconds for clients. */
export function withRetryAfterMs(failure: UpstreamFailure, headers: Headers): UpstreamFailure {
  const ms = Number(headers["retry-after-ms"]);
  if (failure.retryAfter || !Number.isFinite(ms) || ms <= 0) return failure;
  return { ...failure, retryAfter: String(Math.ceil(ms / 1000)) };
}

export async function sendUpstream(
  http: UpstreamHttp,
  url: string,
  init: Parameters<UpstreamHttp["send"]>[1],
): Promise<{ ok: true; res: Answer } | UpstreamFailure> {
  let res: Answer;
  try {
    res = await http.send(url, init);
  } catch (error) {
    if (isAbort(error, init.signal)) throw error;
    return transportFailure(error);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) return withRetryAfterMs(await httpFailure(res.statusCode, res.headers, res.body), res.headers);
  return { ok: true, res };
}

/** The answer's JSON body, read through `http.json` (bounded), or the failure to read it. */
export async function readJson<T>(http: UpstreamHttp, res: Answer, signal: AbortSignal): Promise<{ ok: true; value: T } | UpstreamFailure> {
  try {
    return { ok: true, value: (await http.json(res.body)) as T };
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return unreadableAnswer(error);
  }
}
