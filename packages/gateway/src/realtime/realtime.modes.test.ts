// Realtime sessions in every project mode with the BYOK controls: which key the realtime
// upstream saw (OpenAI Bearer, Azure api-key), failover while connecting (before the client's
// upgrade completes), and who was billed for each response (credits: the cost; own key: 5%).
import { Decimal } from "decimal.js";
import { startRealtimeMock, type RealtimeConnectScript, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { expectedBilling, isRefused, openRealtime } from "./test-client.ts";

const ORG = "sk-org-openai-realtime-1111";
const HOUSE = "house-openai";
const INLINE = "sk-inline-openai-realtime-2222";
const REJECTED: RealtimeConnectScript = {
  closeWith: { code: 3000, reason: "invalid_request_error.invalid_api_key", error: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." } },
};

let rt: RealtimeMock;
let h: Harness;
const azureCreds = (over: Record<string, string> = {}) => JSON.stringify({ endpoint: rt.url, apiKey: "house-azure-key", deploymentName: "gpt-realtime", apiVersion: "v1", ...over });

beforeAll(async () => {
  rt = await startRealtimeMock();
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` }, houseKeySecrets: { azure: azureCreds() }, allowlist: ["127.0.0.1"] });
}, 60_000);
afterAll(async () => {
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
  orgKey?: string;
  model?: string;
  headers?: Record<string, string>;
  /** Sent URL-encoded in the byok_conf query parameter. */
  byokConf?: Record<string, unknown>;
  upstream?: Record<string, RealtimeConnectScript>;
  balance?: string;
  expect: { keys: string[]; source: "credits" | "byok"; byokError?: string } | { status: number; code: string; param?: string; keys: string[] };
};

const rows: Row[] = [
  { name: "credits uses the house key", mode: "credits", orgKey: ORG, expect: { keys: [HOUSE], source: "credits" } },
  { name: "credits + x-use-byok uses the org key", mode: "credits", orgKey: ORG, headers: { "x-use-byok": "true" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok uses the org key", mode: "byok", orgKey: ORG, expect: { keys: [ORG], source: "byok" } },
  { name: "byok without a key is refused before the upgrade", mode: "byok", expect: { status: 400, code: "provider_key_required", keys: [] } },
  { name: "byok with a rate-limited key does not fall back", mode: "byok", orgKey: ORG, upstream: { [ORG]: { status: 429 } }, expect: { status: 429, code: "rate_limited", keys: [ORG] } },
  { name: "hybrid prefers the org key", mode: "hybrid", orgKey: ORG, expect: { keys: [ORG], source: "byok" } },
  { name: "hybrid falls back to credits when OpenAI rejects the org key", mode: "hybrid", orgKey: ORG, upstream: { [ORG]: REJECTED }, expect: { keys: [ORG, HOUSE], source: "credits", byokError: "key_rejected:openai" } },
  { name: "hybrid falls back to credits on a refused handshake", mode: "hybrid", orgKey: ORG, upstream: { [ORG]: { status: 503 } }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid + x-use-byok without a key", mode: "hybrid", headers: { "x-use-byok": "true" }, expect: { status: 400, code: "provider_key_required", keys: [] } },
  { name: "x-byok-provider azure sends the org's Azure key", mode: "hybrid", headers: { "x-byok-provider": "azure" }, orgKey: "azure-org", expect: { keys: ["azure-org-key"], source: "byok" } },
  { name: "byok_conf in the query sends its inline key", mode: "credits", byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf beats the org key", mode: "byok", orgKey: ORG, byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf falls back to credits when its key is rejected", mode: "hybrid", byokConf: { provider: "openai", credentials: INLINE }, upstream: { [INLINE]: REJECTED }, expect: { keys: [INLINE, HOUSE], source: "credits", byokError: "key_rejected:openai" } },
  { name: "x-byok-conf with fallback false: a rejected inline key is refused before the upgrade, no credits", mode: "hybrid", headers: { "x-byok-conf": JSON.stringify({ provider: "openai", credentials: INLINE, fallback: false }) }, upstream: { [INLINE]: REJECTED }, expect: { status: 403, code: "provider_key_rejected", keys: [INLINE] } },
  { name: "an invalid byok_conf is a 400 naming it", mode: "hybrid", byokConf: { provider: "openai", credentials: INLINE, extra: 1 }, expect: { status: 400, code: "invalid_request", param: "byok_conf", keys: [] } },
  { name: "byok_conf that is not JSON is a 400 naming it", mode: "credits", headers: { "x-byok-conf": `{provider: openai, credentials: ${INLINE}` }, expect: { status: 400, code: "invalid_request", param: "byok_conf", keys: [] } },
  { name: "credits without credit is a 402", mode: "credits", balance: "0", expect: { status: 402, code: "insufficient_credits", keys: [] } },
];

describe.each(rows)("realtime: $name", (row) => {
  it("connects with the expected key and bills the expected party", async () => {
    const apiKey = await h.project(row.mode);
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    if (row.orgKey === ORG) await h.setOrgKey("openai", ORG);
    if (row.orgKey === "azure-org") await h.setOrgKey("azure", azureCreds({ apiKey: "azure-org-key", deploymentName: "my-rt", apiVersion: "2024-10-01-preview" }));
    if (row.orgKey === undefined) h.caches.orgKeys.invalidate(h.orgId);
    await h.setBalance(row.balance ?? "100");
    rt.scriptConnect((s) => row.upstream?.[s.key]);

    const query = row.byokConf ? `&byok_conf=${encodeURIComponent(JSON.stringify(row.byokConf))}` : "";
    const result = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=${row.model ?? "gpt-realtime"}${query}`, { key: apiKey, headers: row.headers });
    expect(rt.sessions.map((s) => s.key)).toEqual(row.expect.keys);
    if ("status" in row.expect) {
      if (!isRefused(result)) throw new Error("expected a refusal");
      expect(result.status).toBe(row.expect.status);
      expect(result.body.error.code).toBe(row.expect.code);
      if (row.expect.param) expect(result.body.error.param).toBe(row.expect.param);
      expect(JSON.stringify(result.body)).not.toContain(ORG);
      expect(JSON.stringify(result.body)).not.toContain(INLINE);
      expect(h.events.every((e) => e.status === "upstream_error" && e.amountBilled === "0.0000000000")).toBe(true);
      if (row.expect.keys.length > 0) expect(result.headers["x-switchyard-attempts"]).toBe(String(row.expect.keys.length));
      return;
    }
    if (isRefused(result)) throw new Error(`refused: ${JSON.stringify(result.body)}`);
    expect(result.headers["x-switchyard-key-source"]).toBe(row.expect.source);
    expect(result.headers["x-switchyard-attempts"]).toBe(String(row.expect.keys.length));
    expect(result.headers["x-switchyard-byok-error"]).toBe(row.expect.byokError);
    await result.next("session.created");
    result.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await result.next("response.done");
    result.ws.close();
    await result.closed;
    await expect.poll(() => h.events.length).toBe(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "realtime", keySource: row.expect.source, attempts: row.expect.keys.length, status: "success" });
    const total = new Decimal(event.cost.total);
    expect(total.greaterThan(0)).toBe(true);
    expect(event).toMatchObject(expectedBilling(event.cost.total, row.expect.source));
  });
});

describe("realtime: Azure addressing", () => {
  it("credits on Azure: the GA path with the house key in api-key; own Azure key: the dated path with its realtime deployment", async () => {
    const apiKey = await h.project("credits");
    await h.setBalance("100");
    const c = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=azure/gpt-realtime`, { key: apiKey });
    if (isRefused(c)) throw new Error(JSON.stringify(c.body));
    await c.next("session.created");
    c.ws.close();
    await c.closed;
    expect(rt.sessions[0]).toMatchObject({ flavor: "azure", url: "/openai/v1/realtime?model=gpt-realtime", key: "house-azure-key", authVia: "api-key" });
    expect(rt.sessions[0]!.headers).not.toHaveProperty("authorization");

    await h.setOrgKey("azure", azureCreds({ apiKey: "azure-org-key", deploymentName: "my-chat", realtimeDeploymentName: "my-rt", apiVersion: "2024-10-01-preview" }));
    const own = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=azure/gpt-realtime`, { key: await h.project("byok") });
    if (isRefused(own)) throw new Error(JSON.stringify(own.body));
    await own.next("session.created");
    own.ws.close();
    await own.closed;
    expect(rt.sessions[1]).toMatchObject({ flavor: "azure", url: "/openai/realtime?api-version=2024-10-01-preview&deployment=my-rt", key: "azure-org-key" });
  });

  it("an Azure key without realtimeDeploymentName: the deployment named after the requested model, not the chat deployment", async () => {
    await h.setOrgKey("azure", azureCreds({ apiKey: "azure-org-key", deploymentName: "my-chat" }));
    const c = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=azure/gpt-realtime-mini`, { key: await h.project("byok") });
    if (isRefused(c)) throw new Error(JSON.stringify(c.body));
    expect((await c.next("session.created")).session).toMatchObject({ model: "gpt-realtime-mini" });
    c.ws.close();
    await c.closed;
    expect(rt.sessions[0]).toMatchObject({ flavor: "azure", url: "/openai/v1/realtime?model=gpt-realtime-mini", key: "azure-org-key" });
  });

  it("an own Azure endpoint at a private address is refused (SSRF guard), before the upgrade", async () => {
    await h.setOrgKey("azure", azureCreds({ endpoint: "https://169.254.169.254", apiKey: "azure-org-key" }));
    const refused = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=azure/gpt-realtime`, { key: await h.project("byok") });
    expect(refused).toMatchObject({ refused: true, status: 400, body: { error: { code: "upstream_url_refused" } } });
    expect(rt.sessions).toHaveLength(0);
  });
});
