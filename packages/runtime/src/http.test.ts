// Request logging and graceful close of the role servers.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@switchyard/core";
import { listen, withRequestLog } from "./http.ts";

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("role HTTP servers", () => {
  it("log one line per request with its id, and never headers or query strings", async () => {
    const { lines, logger } = captureLogger();
    const server = await listen(withRequestLog((_req, res) => void res.end("ok"), logger, "test"), "127.0.0.1", 0);
    const res = await fetch(`http://127.0.0.1:${server.port}/v1/x?key=sk-canary-query`, {
      headers: { authorization: "Bearer sk-canary-header", "x-request-id": "client-req-1" },
    });
    expect(res.headers.get("x-request-id")).toBe("client-req-1");
    const generated = await fetch(`http://127.0.0.1:${server.port}/y`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(generated.headers.get("x-request-id")).toMatch(/^req_[0-9a-z]{20}$/);
    await server.close(1000);
    await expect.poll(() => lines.length).toBe(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ role: "test", requestId: "client-req-1", method: "GET", path: "/v1/x", status: 200 });
    expect(lines.join("")).not.toContain("canary");
  });

  it("let in-flight requests finish on close, and force slow ones after the budget", async () => {
    const { logger } = captureLogger();
    const server = await listen(
      withRequestLog((req, res) => {
        const delay = req.url === "/slow" ? 60_000 : 300;
        setTimeout(() => res.end("done"), delay).unref();
      }, logger, "test"),
      "127.0.0.1",
      0,
    );
    const inflight = fetch(`http://127.0.0.1:${server.port}/quick`).then((r) => r.text());
    const stuck = fetch(`http://127.0.0.1:${server.port}/slow`).then(() => "answered", () => "cut");
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close(1000);
    expect(await inflight).toBe("done");
    expect(await stuck).toBe("cut");
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(fetch(`http://127.0.0.1:${server.port}/quick`)).rejects.toThrow();
  });
});
