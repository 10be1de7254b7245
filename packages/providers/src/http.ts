// Upstream HTTP: undici with keep-alive pools (the global fetch is far too slow for the hot
// path). Tenant-supplied URLs use a separate dispatcher with the SSRF guard at connect time.
import { Agent, type Dispatcher } from "undici";
import { assertUpstreamUrl, guardedLookup, type Allowlist } from "./ssrf.ts";

export interface HttpSettings {
  /** Time allowed until the upstream's response headers arrive. */
  headersTimeoutMs: number;
  /** Time allowed between two body chunks. */
  bodyTimeoutMs: number;
  allowlist: Allowlist;
}

export interface UpstreamHttp {
  /** `body`: a string, bytes or a stream (multipart uploads are streamed, not held in memory). */
  send(url: string, init: { method: "GET" | "POST"; headers: Record<string, string>; body?: Dispatcher.DispatchOptions["body"]; signal: AbortSignal; untrusted: boolean }): Promise<Dispatcher.ResponseData<unknown>>;
  close(): Promise<void>;
}

export function createUpstreamHttp(settings: HttpSettings): UpstreamHttp {
  const common = { keepAliveTimeout: 30_000, connections: 256, pipelining: 1, headersTimeout: settings.headersTimeoutMs, bodyTimeout: settings.bodyTimeoutMs };
  const trusted = new Agent(common);
  const untrusted = new Agent({ ...common, connect: { lookup: guardedLookup(settings.allowlist) } });
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
    async close() {
      await Promise.all([trusted.close(), untrusted.close()]);
    },
  };
}
