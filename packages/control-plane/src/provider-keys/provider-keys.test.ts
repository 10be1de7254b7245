// Provider keys through GraphQL: validated against the mock upstream before saving, masked,
// one active per provider, replace/deactivate/reactivate/delete, and gateway invalidations.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "@switchyard/core";
import { encryptSecret } from "@switchyard/vault";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import { GOOD_KEYS, startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let admin: TestUser;
let orgId: string;
const seen: Invalidation[] = [];
let unsubscribe: () => Promise<void>;

const KEY_FIELDS = "id providerId status masked settings lastError";
const RESULT = `__typename ... on Error { message code } ... on KeyRejectedError { reason upstreamStatus } ... on InputError { field }`;

async function add(input: Record<string, unknown>) {
  const res = await h.gql<{ addProviderKey: Record<string, unknown> & { data?: Record<string, unknown> } }>(
    `mutation($input: AddProviderKeyInput!) { addProviderKey(input: $input) { ${RESULT} ... on MutationAddProviderKeySuccess { data { ${KEY_FIELDS} } } } }`,
    { input: { organizationId: orgId, ...input } },
    admin,
  );
  return res.data.addProviderKey;
}

async function providers(kind = "model") {
  const res = await h.gql<{ organization: { providers: Array<Record<string, unknown>> } }>(
    `query($id: ID!, $kind: ProviderKeyKind!) { organization(id: $id) { providers(kind: $kind) { id name status supports { chat embeddings speech transcription audio images realtime webSearch } credentialFormat baseUrlAllowed activeKey { masked } keys { status } } } }`,
    { id: orgId, kind },
    admin,
  );
  return res.data.organization.providers;
}

async function project(mode: string): Promise<string> {
  const res = await h.gql<{ createProject: { data: { id: string } } }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { ... on MutationCreateProjectSuccess { data { id } } } }`,
    { input: { organizationId: orgId, name: `p-${mode}`, mode } },
    admin,
  );
  return res.data.createProject.data.id;
}

beforeAll(async () => {
  h = await startControlPlaneHarness();
  admin = await h.user();
  const res = await h.gql<{ createOrganization: { data: { id: string } } }>(`mutation { createOrganization(input: { name: "Keys" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`, {}, admin);
  orgId = res.data.createOrganization.data.id;
  unsubscribe = await subscribeInvalidations(h.deps.redis, h.deps.redisPrefix, h.deps.logger, (m) => seen.push(m));
}, 60_000);

afterAll(async () => {
  await unsubscribe();
  await h.close();
});

describe("provider list", () => {
  it("lists every catalog provider as not configured, with what it supports and takes", async () => {
    const list = await providers();
    expect(list.length).toBeGreaterThanOrEqual(20);
    const openai = list.find((p) => p.id === "openai")!;
    expect(openai).toMatchObject({ name: "OpenAI", status: "NOT_CONFIGURED", credentialFormat: "KEY", baseUrlAllowed: true, activeKey: null, keys: [] });
    expect(openai.supports).toEqual({ chat: true, embeddings: true, speech: true, transcription: true, audio: true, images: true, realtime: true, webSearch: false });
    // Groq transcribes with Whisper but has no text-to-speech.
    expect(list.find((p) => p.id === "groq")!.supports).toEqual({ chat: true, embeddings: false, speech: false, transcription: true, audio: true, images: false, realtime: false, webSearch: false });
    expect((await providers("web_search")).map((p) => p.id)).toEqual(["tavily", "exa", "kagi", "perplexity"]);
  });
});

describe("adding a key", () => {
  it("validates, encrypts and shows only the last 4 characters; nothing secret leaves", async () => {
    const before = h.mock.requests.length;
    const result = await add({ providerId: "openai", secret: GOOD_KEYS[0], label: "prod" });
    expect(result.__typename).toBe("MutationAddProviderKeySuccess");
    expect(result.data).toMatchObject({ providerId: "openai", status: "active", masked: "••••abcd", settings: {}, lastError: null });
    expect(h.mock.requests.length).toBe(before + 1);
    expect(h.mock.requests.at(-1)).toMatchObject({ method: "GET", path: "/openai/v1/models" });
    const row = await h.db.prisma.providerKey.findFirstOrThrow({ where: { organizationId: orgId, providerId: "openai" } });
    expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain(GOOD_KEYS[0]);
    const everything = JSON.stringify(await h.gql(`{ organization(id: "${orgId}") { providers { keys { ${KEY_FIELDS} label kind validatedAt } } } }`, {}, admin));
    expect(everything).not.toContain(GOOD_KEYS[0]);
    const audits = await h.db.prisma.auditLog.findMany({ where: { organizationId: orgId, action: "provider_key.add" } });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(GOOD_KEYS[0]);
    expect((await providers()).find((p) => p.id === "openai")).toMatchObject({ status: "ACTIVE", activeKey: { masked: "••••abcd" } });
    await vi.waitFor(() => expect(seen).toContainEqual({ type: "organization", id: orgId }));
  });

  it("refuses a second active key for the provider", async () => {
    const result = await add({ providerId: "openai", secret: GOOD_KEYS[1] });
    expect(result).toMatchObject({ __typename: "ConflictError", code: "CONFLICT" });
    expect(result.message).toMatch(/already has an active key \(••••abcd\).*Deactivate or delete it first, or use replaceProviderKey/);
  });

  it("reports why the provider refused a key, and saves nothing", async () => {
    expect(await add({ providerId: "groq", secret: "sk-wrong-key-12345678" })).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY", upstreamStatus: 401 });
    expect(await add({ providerId: "groq", secret: "sk-forbidden-key-9403" })).toMatchObject({ __typename: "KeyRejectedError", reason: "FORBIDDEN", upstreamStatus: 403 });
    const limited = await add({ providerId: "groq", secret: "sk-limited-key-9429" });
    expect(limited).toMatchObject({ __typename: "KeyRejectedError", reason: "RATE_LIMITED", upstreamStatus: 429 });
    expect(String(limited.message)).not.toContain("sk-limited-key-9429");
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await add({ providerId: "groq", secret: GOOD_KEYS[1], baseUrl: `http://127.0.0.1:${port}` })).toMatchObject({ __typename: "KeyRejectedError", reason: "NETWORK_ERROR" });
    expect(await h.db.prisma.providerKey.count({ where: { organizationId: orgId, providerId: "groq" } })).toBe(0);
  });

  it("explains a 404 at a custom base URL, and refuses a base URL with a version path before any request", async () => {
    const notFound = createServer((_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"Not found"}}'));
    await new Promise<void>((r) => notFound.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(notFound.address() as AddressInfo).port}`;
    const result = await add({ providerId: "together", secret: GOOD_KEYS[1], baseUrl: url });
    expect(result).toMatchObject({ __typename: "KeyRejectedError", reason: "BASE_URL_NOT_FOUND", upstreamStatus: 404 });
    expect(result.message).toMatch(/root URL only \(no \/v1, \/v1beta or \/v2\)/);
    await new Promise<void>((r) => notFound.close(() => r()));
    const before = h.mock.requests.length;
    for (const bad of [`${h.mock.url}/together/v1`, `${h.mock.url}/v1beta`, `${h.mock.url}/api/v2/`]) {
      const refused = await add({ providerId: "together", secret: GOOD_KEYS[1], baseUrl: bad });
      expect(refused).toMatchObject({ __typename: "InputError", field: "baseUrl" });
      expect(refused.message).toMatch(/Switchyard appends the version path/);
    }
    expect(await add({ providerId: "together", secret: GOOD_KEYS[1], baseUrl: "https://10.0.0.8" })).toMatchObject({ __typename: "InputError", field: "baseUrl" });
    expect(h.mock.requests.length).toBe(before);
  });

  it("accepts a proxy base URL (root) and checks the key there with the version path appended", async () => {
    const result = await add({ providerId: "together", secret: GOOD_KEYS[1], baseUrl: `${h.mock.url}/together/` });
    expect(result.data).toMatchObject({ status: "active", settings: { baseUrl: `${h.mock.url}/together` } });
    expect(h.mock.requests.at(-1)).toMatchObject({ path: "/together/v1/models" });
  });

  it("refuses unknown providers and malformed keys with the field named", async () => {
    expect(await add({ providerId: "nope", secret: GOOD_KEYS[2] })).toMatchObject({ __typename: "InputError", field: "providerId" });
    expect(await add({ providerId: "deepseek", secret: "   " })).toMatchObject({ __typename: "InputError", field: "secret" });
    expect(await add({ providerId: "deepseek", secret: "sk-has space-123456" })).toMatchObject({ __typename: "InputError", field: "secret" });
  });

  it("validates web-search keys with the search provider's own request", async () => {
    expect(await add({ providerId: "tavily", kind: "web_search", secret: "tvly-good-key-12345678" })).toMatchObject({ data: { status: "active", masked: "••••5678" } });
    expect(h.searchMock.requests.at(-1)).toMatchObject({ provider: "tavily" });
    expect(await add({ providerId: "exa", kind: "web_search", secret: "exa-bad-key-12345678" })).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    expect(await add({ providerId: "openai", kind: "web_search", secret: GOOD_KEYS[2] })).toMatchObject({ __typename: "InputError", field: "providerId" });
    expect((await providers("web_search")).find((p) => p.id === "tavily")).toMatchObject({ status: "ACTIVE" });
  });

  it.each([
    ["kagi", "Kagi", "kagi-good-key-87654321", "kagi-bad-key-87654321", "GET", /^Bot kagi-/, "Unauthorized: invalid token"],
    ["perplexity", "Perplexity", "pplx-good-key-24681357", "pplx-bad-key-24681357", "POST", /^Bearer pplx-/, "Invalid API key"],
  ])("validates %s web-search keys with its own request: a good key saved masked, a bad one refused and not saved", async (providerId, name, good, bad, method, auth, upstreamMessage) => {
    const rejected = await add({ providerId, kind: "web_search", secret: bad });
    expect(rejected).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY", upstreamStatus: 401, code: "KEY_REJECTED" });
    expect(rejected.message).toBe(`${name} rejected the key as invalid (401): ${upstreamMessage}`);
    expect(JSON.stringify(rejected)).not.toContain(bad);
    expect(h.searchMock.requests.at(-1)).toMatchObject({ provider: providerId, method, path: "/" + providerId + "/search" + (method === "GET" ? "?q=kagi&limit=1" : "") });
    expect(h.searchMock.requests.at(-1)!.headers.authorization).toMatch(auth);
    expect((await providers("web_search")).find((p) => p.id === providerId)).toMatchObject({ status: "NOT_CONFIGURED", activeKey: null, keys: [] });

    expect(await add({ providerId, kind: "web_search", secret: good })).toMatchObject({ data: { providerId, status: "active", masked: `••••${good.slice(-4)}` } });
    expect(h.searchMock.requests.at(-1)).toMatchObject({ provider: providerId, method });
    expect((await providers("web_search")).find((p) => p.id === providerId)).toMatchObject({ status: "ACTIVE", activeKey: { masked: `••••${good.slice(-4)}` }, keys: [{ status: "active" }] });
  });
});

describe("key lifecycle", () => {
  const CHANGE_FIELDS = "providerId deletedId providerKey { status } affectedProjects { id mode }";
  const change = async (mutation: "deactivateProviderKey" | "deleteProviderKey", id: string) => {
    const success = mutation === "deactivateProviderKey" ? "MutationDeactivateProviderKeySuccess" : "MutationDeleteProviderKeySuccess";
    const res = await h.gql<Record<string, Record<string, unknown>>>(
      `mutation($id: ID!) { ${mutation}(providerKeyId: $id) { __typename ... on Error { message code } ... on ${success} { data { ${CHANGE_FIELDS} } } } }`,
      { id },
      admin,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const out = res.data[mutation]!;
    return (out.data as Record<string, unknown> | undefined) ?? out;
  };

  it("deactivates (naming the byok projects that now fail), reactivates after validating again, replaces atomically and deletes", async () => {
    const byok = await project("byok");
    await project("hybrid");
    const key = await h.db.prisma.providerKey.findFirstOrThrow({ where: { organizationId: orgId, providerId: "openai", status: "active" } });
    seen.length = 0;
    const off = await change("deactivateProviderKey", key.id);
    expect(off).toMatchObject({ providerId: "openai", providerKey: { status: "inactive" }, affectedProjects: [{ id: byok, mode: "byok" }] });
    await vi.waitFor(() => expect(seen).toContainEqual({ type: "organization", id: orgId }));
    expect((await providers()).find((p) => p.id === "openai")).toMatchObject({ status: "INACTIVE", activeKey: null });
    expect(await change("deactivateProviderKey", key.id)).toMatchObject({ __typename: "ConflictError" });

    const on = await h.gql<{ reactivateProviderKey: Record<string, unknown> }>(
      `mutation($id: ID!) { reactivateProviderKey(providerKeyId: $id) { ${RESULT} ... on MutationReactivateProviderKeySuccess { data { status validatedAt } } } }`,
      { id: key.id },
      admin,
    );
    expect(on.data.reactivateProviderKey).toMatchObject({ data: { status: "active" } });

    const replaced = await h.gql<{ replaceProviderKey: { data: { id: string; masked: string; status: string } } }>(
      `mutation($input: ReplaceProviderKeyInput!) { replaceProviderKey(input: $input) { ${RESULT} ... on MutationReplaceProviderKeySuccess { data { id masked status } } } }`,
      { input: { providerKeyId: key.id, secret: GOOD_KEYS[2] } },
      admin,
    );
    expect(replaced.data.replaceProviderKey.data).toMatchObject({ masked: "••••ijkl", status: "active" });
    const rows = await h.db.prisma.providerKey.findMany({ where: { organizationId: orgId, providerId: "openai" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["inactive", "active"]);

    const badReplace = await h.gql<{ replaceProviderKey: Record<string, unknown> }>(
      `mutation($input: ReplaceProviderKeyInput!) { replaceProviderKey(input: $input) { ${RESULT} } }`,
      { input: { providerKeyId: replaced.data.replaceProviderKey.data.id, secret: "sk-not-accepted-0000" } },
      admin,
    );
    expect(badReplace.data.replaceProviderKey).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    expect(await h.db.prisma.providerKey.count({ where: { organizationId: orgId, providerId: "openai", status: "active" } })).toBe(1);

    const gone = await change("deleteProviderKey", replaced.data.replaceProviderKey.data.id);
    expect(gone).toMatchObject({ deletedId: replaced.data.replaceProviderKey.data.id, providerKey: null, affectedProjects: [{ id: byok }] });
  });

  it("marks a stored key invalid when the provider refuses it on reactivation", async () => {
    // A key the provider has since revoked: stored earlier, now refused with 401.
    const id = newId("pk");
    const secret = "sk-revoked-since-0000";
    const sealed = encryptSecret(h.deps.keyring, { organizationId: orgId, recordId: id, providerId: "deepseek" }, secret);
    await h.db.prisma.providerKey.create({
      data: { id, organizationId: orgId, providerId: "deepseek", status: "inactive", ciphertext: sealed.ciphertext, wrappedDataKey: sealed.wrappedDataKey, masterKeyVersion: sealed.masterKeyVersion, last4: sealed.last4 },
    });
    const on = await h.gql<{ reactivateProviderKey: Record<string, unknown> }>(`mutation($id: ID!) { reactivateProviderKey(providerKeyId: $id) { ${RESULT} } }`, { id }, admin);
    expect(on.data.reactivateProviderKey).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    expect(String(on.data.reactivateProviderKey.message)).not.toContain(secret);
    expect((await providers()).find((p) => p.id === "deepseek")).toMatchObject({ status: "INVALID" });
    const row = await h.db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
    expect(row.lastError).toMatch(/rejected the key as invalid/);
  });
});
