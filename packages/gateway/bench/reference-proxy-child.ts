// A reference for the throughput figures: the thinnest proxy worth comparing with, in a process
// of its own. node:http in front, an undici keep-alive Pool behind, the request body and headers
// passed through as they are and the answer streamed back chunk by chunk; no authentication,
// validation, routing, metering or usage events. The benchmark measures it pinned to the
// gateway's core, so "gateway / reference" says how much of the gap to the bare mock is ours.
// `node --import tsx reference-proxy-child.ts <upstream origin>` prints "listening on http://127.0.0.1:<port>".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

const upstream = process.argv[2];
if (!upstream) throw new Error("usage: reference-proxy-child.ts <upstream origin>");
const pool = new Pool(upstream, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers: Record<string, string> = { "content-type": req.headers["content-type"] ?? "application/json" };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    pool
      .request({ path: req.url ?? "/", method: "POST", headers, body: Buffer.concat(chunks) })
      .then(async (answer) => {
        res.writeHead(answer.statusCode, { "content-type": String(answer.headers["content-type"] ?? "application/octet-stream") });
        for await (const chunk of answer.body) res.write(chunk);
        res.end();
      })
      .catch(() => {
        if (res.headersSent) res.destroy();
        else res.writeHead(502).end();
      });
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});

const stop = () => {
  server.close();
  void pool.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
