// A recording HTTP server for the native mocks (Anthropic, Gemini, Responses API, Azure OpenAI): every request is
// recorded, then routed once its body has arrived; each request's behaviour comes from
// `script(fn)`, else the `enqueue(…)` queue, else the route's default.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { newRecord } from "./mock-record.ts";
import { Cancellation } from "./mock-sleep.ts";
import type { RecordedRequest } from "./mock-types.ts";

export interface Exchange<B> {
  record: RecordedRequest;
  res: ServerResponse;
  /** The scripted or queued behaviour for this request, if any (consumes a queued one). */
  behaviour(): B | undefined;
  cancellation: Cancellation;
  /** Destroys the socket on purpose (a failure, not a client abort). */
  kill(): void;
}

export interface ScriptedServer<B> {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash). */
  url: string;
  port: number;
  requests: RecordedRequest[];
  script(fn: ((req: RecordedRequest) => B | undefined) | undefined): void;
  enqueue(...behaviours: B[]): void;
  /** Clears the records, the script and the queue. */
  reset(): void;
  close(): Promise<void>;
}


function parse(raw: string): unknown {
  try {
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export async function startScriptedServer<B>(route: (exchange: Exchange<B>) => void | Promise<void>, options: { host?: string; port?: number } = {}): Promise<ScriptedServer<B>> {
  const requests: RecordedRequest[] = [];
  const live = new Set<Cancellation>();
  let queue: B[] = [];
  let scriptFn: ((req: RecordedRequest) => B | undefined) | undefined;

  const server = createServer((req, res) => {
    const record = newRecord(req);
    requests.push(record);
    const cancellation = new Cancellation();
    live.add(cancellation);
    let killed = false;
    res.on("finish", () => (record.finished = true));
    res.on("close", () => {
      if (!res.writableFinished && !killed) record.aborted = true;
      live.delete(cancellation);
      cancellation.cancel();
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      record.rawBody = Buffer.concat(chunks).toString("utf8");
      if (record.headers["content-type"]?.startsWith("multipart/")) record.rawBytes = Buffer.concat(chunks);
      record.body = parse(record.rawBody);
      const exchange: Exchange<B> = {
        record,
        res,
        behaviour: () => scriptFn?.(record) ?? queue.shift(),
        cancellation,
        kill: () => {
          killed = true;
          res.destroy();
        },
      };
      Promise.resolve(route(exchange)).catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    port: address.port,
    requests,
    script: (fn) => void (scriptFn = fn),
    enqueue: (...behaviours) => void queue.push(...behaviours),
    reset() {
      requests.length = 0;
      queue = [];
      scriptFn = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const cancellation of live) cancellation.cancel();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
