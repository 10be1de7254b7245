// API key authentication through the real app and a real (in-memory) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@switchyard/db";
import { generateApiKey } from "@switchyard/vault";
import { HMAC as hmacSecret, type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let db: Database;
const keys: Record<string, string> = {};

async function addKey(name: string, projectId: string, extra: { status?: "active" | "revoked"; expiresAt?: Date } = {}) {
  const k = generateApiKey(hmacSecret);
  await db.prisma.apiKey.create({
    data: { id: k.id, organizationId: h.orgId, projectId, name, prefix: k.prefix, secretHash: k.secretHash, last4: k.last4, ...extra },
  });
  keys[name] = k.token;
}

beforeAll(async () => {
  h = await startHarness();
  db = h.db;
  await db.prisma.project.create({ data: { id: "prj_live", organizationId: h.orgId, name: "live", mode: "byok" } });
  await db.prisma.project.create({ data: { id: "prj_old", organizationId: h.orgId, name: "old", archivedAt: new Date() } });
  await addKey("good", "prj_live");
  await addKey("revoked", "prj_live", { status: "revoked" });
  await addKey("expired", "prj_live", { expiresAt: new Date(Date.now() - 1000) });
  await addKey("archived", "prj_old");
}, 60_000);

afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.url}${path}`, { headers });

describe("gateway authentication", () => {
  it("accepts a key as Bearer or x-api-key, under /v1 and /api/v1", async () => {
    for (const [path, headers] of [
      ["/v1/key", { authorization: `Bearer ${keys.good}` }],
      ["/api/v1/key", { "x-api-key": keys.good! }],
    ] as const) {
      const res = await get(path, headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ data: { organization_id: h.orgId, project_id: "prj_live", project_mode: "byok", name: "good" } });
    }
    const row = await db.prisma.apiKey.findFirstOrThrow({ where: { name: "good" } });
    await expect.poll(async () => (await db.prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("answers every kind of bad key with the same OpenAI-style 401", async () => {
    const good = keys.good!;
    const wrongSecret = good.slice(0, -1) + (good.endsWith("a") ? "b" : "a");
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer" },
      { authorization: `Basic ${good}` },
      { authorization: "Bearer sk-openai-style-key" },
      { authorization: `Bearer ${wrongSecret}` },
      { authorization: `Bearer sy-key_00000000000000000000-${"a".repeat(40)}` },
      { "x-api-key": keys.revoked! },
      { "x-api-key": keys.expired! },
      { "x-api-key": keys.archived! },
      { "x-api-key": "x".repeat(10_000) },
    ];
    const bodies = new Set<string>();
    for (const headers of attempts) {
      const res = await get("/v1/key", headers);
      expect(res.status, JSON.stringify(headers).slice(0, 80)).toBe(401);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toEqual({
      error: { message: expect.any(String), type: "invalid_request_error", code: "invalid_api_key", param: null },
    });
  });

  it("checks the key before revealing whether a route exists", async () => {
    expect((await get("/v1/no-such-route")).status).toBe(401);
    const res = await get("/v1/no-such-route", { "x-api-key": keys.good! });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", type: "invalid_request_error" } });
  });
});
