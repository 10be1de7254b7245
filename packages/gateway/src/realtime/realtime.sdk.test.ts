// OpenAI's own realtime client (`openai/realtime/ws`, the official SDK v6 on the `ws` package)
// against the gateway: only the base URL and the key change. The SDK always dials wss://, so a
// TLS terminator with a test certificate (fixtures/) stands in front of the gateway. Run in every
// project mode: the key the realtime upstream saw and who was billed for the response, the
// gateway's cost fields in the usage of the SDK's response.done. The SDK passes request headers
// (x-byok-provider) only through `options.headers`; an OpenAI client's defaultHeaders are not sent.
import { readFileSync } from "node:fs";
import { connect, type Server } from "node:net";
import { createServer } from "node:tls";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { OpenAIRealtimeWS } from "openai/realtime/ws";
import { startRealtimeMock, REALTIME_DEFAULT_REPLY, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { expectedBilling } from "./test-client.ts";

const cert = readFileSync(new URL("./fixtures/test-tls-cert.pem", import.meta.url));
const key = readFileSync(new URL("./fixtures/test-tls-key.pem", import.meta.url));
const ORG = "sk-org-openai-realtime-sdk-1111";
const HOUSE = "house-openai";

let rt: RealtimeMock;
let h: Harness;
let tls: Server;
let tlsPort: number;
const azureCreds = (over: Record<string, string> = {}) => JSON.stringify({ endpoint: rt.url, apiKey: "house-azure-key", deploymentName: "gpt-realtime", apiVersion: "v1", ...over });

beforeAll(async () => {
  rt = await startRealtimeMock();
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` }, houseKeySecrets: { azure: azureCreds() }, allowlist: ["127.0.0.1"] });
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
beforeEach(() => {
  rt.reset();
  h.events.length = 0;
});

type Row = {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  /** The organization's own keys (none: the org has no provider key). */
  orgKeys: Array<"openai" | "azure">;
  /** Request headers, through the SDK's `options.headers`. */
  headers?: Record<string, string>;
  expect: { key: string; authVia: "bearer" | "api-key"; source: "credits" | "byok" };
};

const rows: Row[] = [
  { name: "credits: the house key, billed the full cost", mode: "credits", orgKeys: ["openai"], expect: { key: HOUSE, authVia: "bearer", source: "credits" } },
  { name: "byok: the organization's OpenAI key, billed the markup", mode: "byok", orgKeys: ["openai"], expect: { key: ORG, authVia: "bearer", source: "byok" } },
  { name: "hybrid with an own key: the own key, billed the markup", mode: "hybrid", orgKeys: ["openai"], expect: { key: ORG, authVia: "bearer", source: "byok" } },
  { name: "hybrid without an own key: the house key, billed the full cost", mode: "hybrid", orgKeys: [], expect: { key: HOUSE, authVia: "bearer", source: "credits" } },
  // Both own keys are stored: without the header the session would go to OpenAI with ORG.
  { name: "x-byok-provider: azure: the org's Azure key, billed the markup", mode: "hybrid", orgKeys: ["openai", "azure"], headers: { "x-byok-provider": "azure" }, expect: { key: "azure-org-key", authVia: "api-key", source: "byok" } },
];

describe.each(rows)("OpenAI's realtime WebSocket client through the gateway: $name", (row) => {
  it("runs a session: session.update, a text response streamed as deltas, the expected key and party billed", async () => {
    const apiKey = await h.project(row.mode);
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    h.caches.orgKeys.invalidate(h.orgId);
    if (row.orgKeys.includes("openai")) await h.setOrgKey("openai", ORG);
    if (row.orgKeys.includes("azure")) await h.setOrgKey("azure", azureCreds({ apiKey: "azure-org-key", deploymentName: "my-rt", apiVersion: "2024-10-01-preview" }));
    await h.setBalance("100");

    const client = new OpenAI({ apiKey, baseURL: `https://127.0.0.1:${tlsPort}/v1` });
    const rtc = await OpenAIRealtimeWS.create(client, { model: "gpt-realtime", options: { ca: cert, ...(row.headers ? { headers: row.headers } : {}) } });
    // A failed row must not leave its session open for the next one.
    onTestFinished(() => rtc.close());
    const errors: unknown[] = [];
    rtc.on("error", (error) => errors.push(error));
    await new Promise<void>((resolve) => rtc.socket.once("open", () => resolve()));

    const updated = new Promise<unknown>((resolve) => rtc.on("session.updated", (e) => resolve(e.session)));
    rtc.send({ type: "session.update", session: { type: "realtime", instructions: "Answer in one line.", output_modalities: ["text"] } });
    expect(await updated).toMatchObject({ instructions: "Answer in one line.", output_modalities: ["text"] });

    let text = "";
    let deltas = 0;
    rtc.on("response.output_text.delta", (e) => {
      text += e.delta;
      deltas += 1;
    });
    const done = new Promise<{ id?: string; usage?: Record<string, unknown> & { input_tokens?: number; output_tokens?: number } }>((resolve) => rtc.on("response.done", (e) => resolve(e.response as never)));
    rtc.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: "Say hello." }] } });
    rtc.send({ type: "response.create" });
    const response = await done;
    expect(text).toBe(REALTIME_DEFAULT_REPLY);
    expect(deltas).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    expect(rt.sessions).toHaveLength(1);
    expect(rt.sessions[0]).toMatchObject({ key: row.expect.key, authVia: row.expect.authVia, flavor: row.expect.authVia === "api-key" ? "azure" : "openai" });

    await expect.poll(() => h.events.length).toBe(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "realtime", status: "success", requestId: expect.stringMatching(new RegExp(`\\.${response.id}$`)), promptTokens: response.usage!.input_tokens, completionTokens: response.usage!.output_tokens, keySource: row.expect.source });
    expect(Number(event.cost.total)).toBeGreaterThan(0);
    expect(event).toMatchObject(expectedBilling(event.cost.total, row.expect.source));
    // The SDK hands over response.done with the gateway's cost fields in its usage, the event's figures.
    expect(response.usage).toMatchObject({
      cost_usd_total: Number(event.cost.total),
      cost_details: { upstream_inference_cost: Number(event.cost.total) },
      cost: Number(event.amountBilled),
      billed_usd: Number(event.amountBilled),
      markup_usd: Number(event.markup),
      key_source: row.expect.source,
      is_byok: row.expect.source === "byok",
      usage_estimated: false,
    });

    const closed = new Promise<number>((resolve) => rtc.socket.once("close", (code) => resolve(code)));
    rtc.close();
    expect(await closed).toBe(1000);
    await expect.poll(() => rt.openConnections()).toBe(0);
  });
});

describe("OpenAI's SDK: the model list", () => {
  it("GET /v1/models lists the realtime models with kind realtime", async () => {
    const client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    const listed = new Map((await client.models.list()).data.map((m) => [m.id, (m as unknown as { kind: string }).kind]));
    for (const id of ["gpt-realtime", "gpt-realtime-mini", "gpt-4o-realtime-preview", "gpt-4o-mini-realtime-preview"]) expect(listed.get(id), id).toBe("realtime");
    expect(listed.get("gpt-4o-mini")).toBe("chat");
  });
});
