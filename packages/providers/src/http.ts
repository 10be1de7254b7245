// Upstream HTTP: undici with keep-alive pools (the global fetch is far too slow for the hot
// path). Tenant-supplied URLs use a separate dispatcher with the SSRF guard at connect time.
import { Agent, type Dispatcher } from "undici";
import { UpstreamAnswerTooLargeError } from "./failures.ts";
import { assertUpstreamUrl, guardedLookup, type Allowlist } from "./ssrf.ts";

export interface HttpSettings {
  /** Time allowed until the upstream's response headers arrive. */
  headersTimeoutMs: number;
  /** Time allowed between two body chunks. */
  bodyTimeoutMs: number;
  /** Largest successful answer read whole, and largest stream event (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB; default 256 MB). */
  maxResponseBytes?: number;
  allowlist: Allowlist;
}

export interface UpstreamHttp {
  /** `body`: a string, bytes or a stream (multipart uploads are streamed, not held in memory). */
  send(url: string, init: { method: "GET" | "POST"; headers: Record<string, string>; body?: Dispatcher.DispatchOptions["body"]; signal: AbortSignal; untrusted: boolean }): Promise<Dispatcher.ResponseData<unknown>>;
  /**
   * Reads a successful answer's body as JSON, at most `maxResponseBytes` of it: a bigger answer
   * (a broken or hostile upstream, e.g. a tenant's custom provider) is cut off with
   * UpstreamAnswerTooLargeError instead of filling the gateway's memory.
   */
  json(body: Dispatcher.ResponseData<unknown>["body"]): Promise<unknown>;
  /** The most of one answer read whole, or of one event of a stream, held in memory (bytes). */
  readonly maxResponseBytes: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export function createUpstreamHttp(settings: HttpSettings): UpstreamHttp {
  const common = { keepAliveTimeout: 30_000, connections: 256, pipelining: 1, headersTimeout: settings.headersTimeoutMs, bodyTimeout: settings.bodyTimeoutMs };
  const trusted = new Agent(common);
  const untrusted = new Agent({ ...common, connect: { lookup: guardedLookup(settings.allowlist) } });
  const maxResponseBytes = settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return {
    async send(url, init) {
      const parsed = init.untrusted ? assertUpstreamUrl(url, settings.allowlist) : new URL(url);
      // The agent's own request(), not undici's top-level one, which copies the options with a
      // spread (slow on Node 20) and parses the URL again. Redirects are never followed.
      return (init.untrusted ? untrusted : trusted).request({
        origin: parsed.origin,
        path: `${parsed.pathname}${parsed.search}`,
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
      });
    },
    json: (body) => readJson(body, maxResponseBytes),
    maxResponseBytes,
    async close() {
      await Promise.all([trusted.close(), untrusted.close()]);
    },
  };
}

function readJson(body: Dispatcher.ResponseData<unknown>["body"], limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) body.destroy(new UpstreamAnswerTooLargeError(limit));
      else chunks.push(chunk);
    });
    body.once("error", reject);
    body.once("end", () => {
      try {
        resolve(JSON.parse((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    });
  });
}
