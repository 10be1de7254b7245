// Keys for the Azure OpenAI and Responses API providers through GraphQL: JSON credentials are
// parsed, then proved with each protocol's key check against its mock before they are saved.
import { startAzureMock, startResponsesMock, type AzureMock, type ResponsesMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_KEYS, startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let azure: AzureMock;
let responses: ResponsesMock;
let admin: TestUser;
let orgId: string;

async function add(providerId: string, secret: string) {
  const res = await h.gql<{ addProviderKey: Record<string, unknown> }>(
    `mutation($input: AddProviderKeyInput!) { addProviderKey(input: $input) { __typename ... on Error { message } ... on KeyRejectedError { reason upstreamStatus } ... on MutationAddProviderKeySuccess { data { status masked settings } } } }`,
    { input: { organizationId: orgId, providerId, secret } },
    admin,
  );
  return res.data.addProviderKey;
}

beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: ["az-key-good-1234"], deployments: { "prod-4o": "gpt-4o-2024-08-06" } });
  responses = await startResponsesMock({ validKeys: ["az-key-good-1234"] });
  h = await startControlPlaneHarness();
  admin = await h.user();
  const res = await h.gql<{ createOrganization: { data: { id: string } } }>(`mutation { createOrganization(input: { name: "Azure keys" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`, {}, admin);
  orgId = res.data.createOrganization.data.id;
}, 60_000);
afterAll(async () => {
  await h.close();
  await azure.close();
  await responses.close();
});

describe("Azure and Responses API keys", () => {
  it("proves an Azure deployment key with a one-token completion, keeping only the settings readable", async () => {
    const creds = { endpoint: azure.url, apiKey: "az-key-good-1234", deploymentName: "prod-4o", apiVersion: "2024-10-21" };
    expect(await add("azure", JSON.stringify({ ...creds, deploymentName: "typo" }))).toMatchObject({ __typename: "KeyRejectedError", reason: "BASE_URL_NOT_FOUND", upstreamStatus: 404 });
    expect(await add("azure", JSON.stringify({ ...creds, apiKey: "az-key-wrong-0000" }))).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    expect(await add("azure", JSON.stringify(creds))).toMatchObject({ data: { status: "active", masked: "••••1234", settings: { endpoint: azure.url, deploymentName: "prod-4o", apiVersion: "2024-10-21" } } });
    expect(azure.requests.at(-1)).toMatchObject({ path: "/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21", body: { max_completion_tokens: 1 } });
  });

  it("proves Azure Responses and OpenAI Responses keys by listing models", async () => {
    expect(await add("azure-responses", JSON.stringify({ endpoint: responses.url, apiKey: "az-key-good-1234", apiVersion: "v1" }))).toMatchObject({ data: { status: "active" } });
    expect(responses.requests.at(-1)).toMatchObject({ method: "GET", path: "/openai/v1/models" });
    expect(await add("openai-responses", GOOD_KEYS[0]!)).toMatchObject({ data: { status: "active" } });
    expect(h.mock.requests.at(-1)).toMatchObject({ method: "GET", path: "/openai-responses/v1/models" });
  });
});
