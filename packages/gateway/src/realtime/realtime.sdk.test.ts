// OpenAI's own realtime client (`openai/realtime/ws`, the official SDK v6 on the `ws` package)
// against the gateway: only the base URL and the key change. The SDK always dials wss://, so a
// TLS terminator with a test certificate (fixtures/) stands in front of the gateway.
import { readFileSync } from "node:fs";
import { connect, type Server } from "node:net";
import { createServer } from "node:tls";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { OpenAIRealtimeWS } from "openai/realtime/ws";
import { startRealtimeMock, REALTIME_DEFAULT_REPLY, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";

const cert = readFileSync(new URL("./fixtures/test-tls-cert.pem", import.meta.url));
const key = readFileSync(new URL("./fixtures/test-tls-key.pem", import.meta.url));

let rt: RealtimeMock;
let h: Harness;
let tls: Server;
let tlsPort: number;

beforeAll(async () => {
  rt = await startRealtimeMock();
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` } });
  const gatewayPort = Number(new URL(h.url).port);
  tls = createServer({ cert, key }, (secure) => {
    const plain = connect(gatewayPort, "127.0.0.1");
    secure.pipe(plain).pipe(secure);
    const end = () => {
      secure.destroy();
      plain.destroy();
    };
    secure.on("error", end).on("close", end);
    plain.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
  tlsPort = (tls.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => tls.close(resolve));
  await h.close();
  await rt.close();
});

describe("OpenAI's realtime WebSocket client through the gateway", () => {
  it("runs a session: session.update, a text response streamed as deltas, usage billed", async () => {
    const client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `https://127.0.0.1:${tlsPort}/v1` });
    const rtc = await OpenAIRealtimeWS.create(client, { model: "gpt-realtime", options: { ca: cert } });
    const errors: unknown[] = [];
    rtc.on("error", (error) => errors.push(error));
    await new Promise<void>((resolve) => rtc.socket.once("open", () => resolve()));

    const updated = new Promise<unknown>((resolve) => rtc.on("session.updated", (e) => resolve(e.session)));
    rtc.send({ type: "session.update", session: { type: "realtime", instructions: "Answer in one line.", output_modalities: ["text"] } });
    expect(await updated).toMatchObject({ instructions: "Answer in one line.", output_modalities: ["text"] });

    let text = "";
    rtc.on("response.output_text.delta", (e) => (text += e.delta));
    const done = new Promise<{ id?: string; usage?: { input_tokens?: number; output_tokens?: number } }>((resolve) => rtc.on("response.done", (e) => resolve(e.response)));
    rtc.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: "Say hello." }] } });
    rtc.send({ type: "response.create" });
    const response = await done;
    expect(text).toBe(REALTIME_DEFAULT_REPLY);
    expect(errors).toEqual([]);
    expect(rt.sessions[0]).toMatchObject({ key: "house-openai", authVia: "bearer" });

    await expect.poll(() => h.events.length).toBe(1);
    expect(h.events[0]).toMatchObject({ endpoint: "realtime", requestId: expect.stringMatching(new RegExp(`\\.${response.id}$`)), promptTokens: response.usage!.input_tokens, completionTokens: response.usage!.output_tokens, keySource: "credits" });
    expect(Number(h.events[0]!.amountBilled)).toBeGreaterThan(0);
    // The SDK hands over response.done with the gateway's cost fields in its usage.
    expect(response.usage).toMatchObject({ cost_usd_total: Number(h.events[0]!.cost.total), billed_usd: Number(h.events[0]!.amountBilled), usage_estimated: false });

    const closed = new Promise<number>((resolve) => rtc.socket.once("close", (code) => resolve(code)));
    rtc.close();
    expect(await closed).toBe(1000);
    await expect.poll(() => rt.openConnections()).toBe(0);
  });

  it("GET /v1/models lists the realtime models with kind realtime", async () => {
    const client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    const listed = new Map((await client.models.list()).data.map((m) => [m.id, (m as unknown as { kind: string }).kind]));
    for (const id of ["gpt-realtime", "gpt-realtime-mini", "gpt-4o-realtime-preview", "gpt-4o-mini-realtime-preview"]) expect(listed.get(id), id).toBe("realtime");
    expect(listed.get("gpt-4o-mini")).toBe("chat");
  });
});
