// `models`: the catalog with current prices and, for a project, what it can use right now.
// The harness has an operator key for OpenAI only; gpt-4o-mini is offered by OpenAI, OpenRouter
// and Vercel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@switchyard/core";
import { Prisma, type ProjectMode } from "@switchyard/db";
import { encryptSecret } from "@switchyard/vault";
import { orgWith } from "../credits/test-fixtures.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let member: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  h = await startControlPlaneHarness({ houseKeys: ["openai"] });
  [member, outsider] = await Promise.all([h.user(), h.user()]);
}, 60_000);

afterAll(() => h.close());

const MODELS = `query($projectId: ID) { models(projectId: $projectId, first: 100) { nodes { id name ownedBy contextLength usableNow reason keySources
  offerings { providerId providerName upstreamModel usableNow reason keySources price { inputPerMTok outputPerMTok cachedInputPerMTok perRequest effectiveFrom source overrideId } } } } }`;

interface Offering {
  providerId: string;
  providerName: string;
  usableNow: boolean | null;
  reason: string | null;
  keySources: string[] | null;
  price: { inputPerMTok: string; outputPerMTok: string; cachedInputPerMTok: string | null; effectiveFrom: string; source: string; overrideId: string | null } | null;
}
interface Model {
  id: string;
  usableNow: boolean | null;
  reason: string | null;
  keySources: string[] | null;
  offerings: Offering[];
}

async function model(id: string, projectId?: string, as: TestUser = member): Promise<Model> {
  const res = await h.gql<{ models: { nodes: Model[] } }>(MODELS, projectId ? { projectId } : {}, as);
  expect(res.errors).toBeUndefined();
  return res.data.models.nodes.find((m) => m.id === id)!;
}

async function project(orgId: string, mode: ProjectMode, options: { allowCreditsFallback?: boolean } = {}): Promise<string> {
  const id = newId("prj");
  await h.db.prisma.project.create({ data: { id, organizationId: orgId, name: mode, mode, ...options } });
  return id;
}

async function ownKey(organizationId: string, providerId: string, status: "active" | "inactive" = "active"): Promise<void> {
  const id = newId("pk");
  const enc = encryptSecret(h.deps.keyring, { organizationId, recordId: id, providerId }, `sk-own-${providerId}-0123456789`);
  await h.db.prisma.providerKey.create({ data: { id, organizationId, providerId, status, ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4 } });
}

const setBalance = (organizationId: string, amount: string) => h.db.prisma.creditBalance.update({ where: { organizationId }, data: { balance: new Prisma.Decimal(amount) } });
const offering = (m: Model, providerId: string) => m.offerings.find((o) => o.providerId === providerId)!;

describe("models", () => {
  it("lists models with offerings and the catalog price in effect", async () => {
    const m = await model("gpt-4o-mini");
    expect(m).toMatchObject({ usableNow: null, reason: null, keySources: null });
    expect(m.offerings.map((o) => o.providerId)).toEqual(["openai", "openrouter", "vercel", "openai-responses", "azure", "azure-responses"]);
    const openai = offering(m, "openai");
    expect(openai).toMatchObject({ providerName: "OpenAI", usableNow: null });
    expect(openai.price).toMatchObject({ inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", effectiveFrom: "2024-07-18T00:00:00.000Z", overrideId: null });
    expect(openai.price!.source).toMatch(/^https:/);
  });

  it("credits: usable through a provider with an operator key while the balance is positive", async () => {
    const orgId = await orgWith(h, [[member, "member"]]);
    const projectId = await project(orgId, "credits");
    await setBalance(orgId, "0.0000000001");
    const m = await model("gpt-4o-mini", projectId);
    expect(m).toMatchObject({ usableNow: true, reason: null, keySources: ["credits"] });
    expect(offering(m, "openai")).toMatchObject({ usableNow: true, keySources: ["credits"] });
    expect(offering(m, "openrouter")).toMatchObject({ usableNow: false, keySources: [] });
    expect(offering(m, "openrouter").reason).toBe("The operator has no key for OpenRouter, so credits cannot pay for it.");

    await ownKey(orgId, "openrouter"); // own keys do not count in credits mode
    await setBalance(orgId, "0");
    const broke = await model("gpt-4o-mini", projectId);
    expect(broke.usableNow).toBe(false);
    expect(offering(broke, "openai").reason).toBe("The organization has no credit left.");
    expect(broke.reason).toMatch(/no credit left/);
  });

  it("byok: usable only through an active own key", async () => {
    const orgId = await orgWith(h, [[member, "member"]]);
    const projectId = await project(orgId, "byok");
    await setBalance(orgId, "100");
    await ownKey(orgId, "openrouter", "inactive");
    const none = await model("gpt-4o-mini", projectId);
    expect(none.usableNow).toBe(false);
    expect(offering(none, "openai").reason).toBe("The organization has no active key of its own for OpenAI (the project uses own keys only).");

    await ownKey(orgId, "openrouter");
    const m = await model("gpt-4o-mini", projectId);
    expect(m).toMatchObject({ usableNow: true, keySources: ["byok"] });
    expect(offering(m, "openrouter")).toMatchObject({ usableNow: true, keySources: ["byok"] });
    expect(offering(m, "openai")).toMatchObject({ usableNow: false, keySources: [] });
  });

  it("hybrid: an own key or credits", async () => {
    const orgId = await orgWith(h, [[member, "member"]]);
    const projectId = await project(orgId, "hybrid");
    await setBalance(orgId, "0");
    const none = await model("gpt-4o-mini", projectId);
    expect(none.usableNow).toBe(false);
    expect(offering(none, "openai").reason).toBe("The organization has no active key of its own for OpenAI and no credit left.");

    await setBalance(orgId, "5");
    expect(await model("gpt-4o-mini", projectId)).toMatchObject({ usableNow: true, keySources: ["credits"] });

    await ownKey(orgId, "openai");
    const both = await model("gpt-4o-mini", projectId);
    expect(offering(both, "openai")).toMatchObject({ usableNow: true, keySources: ["byok", "credits"] });
    const noFallback = await project(orgId, "hybrid", { allowCreditsFallback: false });
    expect(offering(await model("gpt-4o-mini", noFallback), "openai").keySources).toEqual(["byok"]);

    await setBalance(orgId, "0");
    expect(await model("gpt-4o-mini", projectId)).toMatchObject({ usableNow: true, keySources: ["byok"] });
  });

  it("an archived project can use nothing", async () => {
    const orgId = await orgWith(h, [[member, "member"]]);
    const projectId = await project(orgId, "credits");
    await setBalance(orgId, "5");
    await h.db.prisma.project.update({ where: { id: projectId }, data: { archivedAt: new Date() } });
    expect(await model("gpt-4o-mini", projectId)).toMatchObject({ usableNow: false, reason: "The project is archived." });
  });

  it("is NotFound for another organization's project or an unknown one", async () => {
    const orgId = await orgWith(h, [[member, "member"]]);
    const projectId = await project(orgId, "credits");
    for (const id of [projectId, newId("prj")]) {
      const res = await h.gql<{ models: unknown }>(MODELS, { projectId: id }, outsider);
      expect(res.data.models).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    expect((await h.gql<{ models: unknown }>(MODELS, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
