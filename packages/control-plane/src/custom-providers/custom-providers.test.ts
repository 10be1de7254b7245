// Custom OpenAI-compatible endpoints: validated through the SSRF guard and with the endpoint
// itself, stored with an encrypted key under provider id custom:<slug>.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_KEYS, startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let admin: TestUser;
let orgId: string;
const RESULT = `__typename ... on Error { message code } ... on InputError { field } ... on KeyRejectedError { reason }`;

async function addCustom(input: Record<string, unknown>) {
  const res = await h.gql<{ addCustomProvider: Record<string, unknown> }>(
    `mutation($input: AddCustomProviderInput!) { addCustomProvider(input: $input) { ${RESULT} ... on MutationAddCustomProviderSuccess { data { id slug providerId name baseUrl models key { masked status } } } } }`,
    { input: { organizationId: orgId, name: "Lab", models: ["llama-3.1-8b"], ...input } },
    admin,
  );
  return res.data.addCustomProvider;
}

beforeAll(async () => {
  h = await startControlPlaneHarness();
  admin = await h.user();
  const res = await h.gql<{ createOrganization: { data: { id: string } } }>(`mutation { createOrganization(input: { name: "Custom" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`, {}, admin);
  orgId = res.data.createOrganization.data.id;
}, 60_000);

afterAll(() => h.close());

describe("custom providers", () => {
  it("adds an endpoint after checking its key there", async () => {
    const result = await addCustom({ slug: "lab", baseUrl: `${h.mock.url}/lab/v1`, secret: GOOD_KEYS[0] });
    expect(result).toMatchObject({ data: { slug: "lab", providerId: "custom:lab", baseUrl: `${h.mock.url}/lab/v1`, models: ["llama-3.1-8b"], key: { masked: "••••abcd", status: "active" } } });
    expect(h.mock.requests.at(-1)).toMatchObject({ method: "GET", path: "/lab/v1/models" });
    const key = await h.db.prisma.providerKey.findFirstOrThrow({ where: { organizationId: orgId, providerId: "custom:lab" } });
    expect(key.status).toBe("active");
  });

  it("refuses a bad key, a private address, a bad slug and a taken slug", async () => {
    expect(await addCustom({ slug: "lab2", baseUrl: `${h.mock.url}/lab/v1`, secret: "sk-unknown-00000000" })).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    expect(await addCustom({ slug: "lab2", baseUrl: "https://192.168.1.10/v1", secret: GOOD_KEYS[0] })).toMatchObject({ __typename: "InputError", field: "baseUrl" });
    expect(await addCustom({ slug: "lab2", baseUrl: "http://llm.example.com/v1", secret: GOOD_KEYS[0] })).toMatchObject({ __typename: "InputError", field: "baseUrl" });
    expect(await addCustom({ slug: "Not Valid", baseUrl: `${h.mock.url}/v1`, secret: GOOD_KEYS[0] })).toMatchObject({ __typename: "InputError", field: "slug" });
    expect(await addCustom({ slug: "lab", baseUrl: `${h.mock.url}/v1`, secret: GOOD_KEYS[0] })).toMatchObject({ __typename: "ConflictError" });
    expect(await addCustom({ slug: "lab3", baseUrl: `${h.mock.url}/v1`, secret: GOOD_KEYS[0], models: [" "] })).toMatchObject({ __typename: "InputError", field: "models" });
    expect(await h.db.prisma.customProvider.count({ where: { organizationId: orgId } })).toBe(1);
  });

  it("updates the model list and deletes the provider with its key", async () => {
    const cp = await h.db.prisma.customProvider.findFirstOrThrow({ where: { organizationId: orgId, slug: "lab" } });
    const updated = await h.gql<{ updateCustomProvider: { data: { models: string[]; name: string } } }>(
      `mutation($input: UpdateCustomProviderInput!) { updateCustomProvider(input: $input) { ... on MutationUpdateCustomProviderSuccess { data { models name } } } }`,
      { input: { customProviderId: cp.id, models: ["a", "b", "a"], name: "Lab 2" } },
      admin,
    );
    expect(updated.data.updateCustomProvider.data).toEqual({ models: ["a", "b"], name: "Lab 2" });
    const deleted = await h.gql<{ deleteCustomProvider: { data: string } }>(`mutation($id: ID!) { deleteCustomProvider(customProviderId: $id) { ... on MutationDeleteCustomProviderSuccess { data } } }`, { id: cp.id }, admin);
    expect(deleted.data.deleteCustomProvider.data).toBe(cp.id);
    expect(await h.db.prisma.providerKey.count({ where: { organizationId: orgId, providerId: "custom:lab" } })).toBe(0);
  });
});
