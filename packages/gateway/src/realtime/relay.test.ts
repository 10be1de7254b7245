// The relay between two sockets: a tap that throws is reported, the frame is passed on unchanged,
// and the relay (and the process) goes on with the next frames.
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { relay } from "./relay.ts";

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** Two clients connected to one server: the server's socket of each. */
async function pair(): Promise<{ a: WebSocket; b: WebSocket; from: WebSocket; to: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  open.push(wss);
  await new Promise((resolve) => wss.once("listening", resolve));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const accepted: WebSocket[] = [];
  const connected = new Promise<void>((resolve) =>
    wss.on("connection", (socket) => {
      accepted.push(socket);
      open.push(socket);
      if (accepted.length === 2) resolve();
    }),
  );
  const a = new WebSocket(url);
  await new Promise((resolve) => a.once("open", resolve));
  const b = new WebSocket(url);
  await new Promise((resolve) => b.once("open", resolve));
  open.push(a, b);
  await connected;
  return { a, b, from: accepted[0]!, to: accepted[1]! };
}

describe("relay", () => {
  it("a tap that throws: the error is reported, the frame goes on unchanged, and the next frames are still tapped", async () => {
    const { a, b, from, to } = await pair();
    const errors: unknown[] = [];
    const seen: string[] = [];
    relay(
      from,
      to,
      (frame) => {
        const text = frame.toString("utf8");
        seen.push(text);
        if (text === "boom") throw new TypeError("tap failed");
        return text === "rewrite" ? "rewritten" : undefined;
      },
      (error) => errors.push(error),
    );
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      b.on("message", (data: Buffer) => {
        received.push(data.toString("utf8"));
        if (received.length === 3) resolve();
      }),
    );
    a.send("boom");
    a.send("rewrite");
    a.send("plain");
    await all;
    expect(received).toEqual(["boom", "rewritten", "plain"]);
    expect(seen).toEqual(["boom", "rewrite", "plain"]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe("tap failed");
    expect([from.readyState, to.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
  });
});
