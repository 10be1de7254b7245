// Amazon Bedrock keys through GraphQL: JSON credentials are parsed, then proved with a signed
// ListFoundationModels call against the mock Bedrock (which recomputes the signature).
import { MOCK_AWS_CREDENTIALS, startBedrockMock, type BedrockMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let bedrock: BedrockMock;
let admin: TestUser;
let orgId: string;

async function add(secret: string) {
  const res = await h.gql<{ addProviderKey: Record<string, unknown> }>(
    `mutation($input: AddProviderKeyInput!) { addProviderKey(input: $input) { __typename ... on Error { message } ... on KeyRejectedError { reason upstreamStatus } ... on MutationAddProviderKeySuccess { data { status masked settings } } } }`,
    { input: { organizationId: orgId, providerId: "aws", secret } },
    admin,
  );
  return res.data.addProviderKey;
}

beforeAll(async () => {
  bedrock = await startBedrockMock();
  h = await startControlPlaneHarness({ baseUrls: { aws: bedrock.url } });
  admin = await h.user();
  const res = await h.gql<{ createOrganization: { data: { id: string } } }>(`mutation { createOrganization(input: { name: "AWS keys" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`, {}, admin);
  orgId = res.data.createOrganization.data.id;
}, 60_000);
afterAll(async () => {
  await h.close();
  await bedrock.close();
});

describe("Amazon Bedrock keys", () => {
  it("proves JSON credentials with a signed ListFoundationModels, keeping only the settings readable", async () => {
    expect(await add(JSON.stringify({ ...MOCK_AWS_CREDENTIALS, secretAccessKey: "not-the-secret-0000" }))).toMatchObject({ __typename: "KeyRejectedError", reason: "FORBIDDEN", upstreamStatus: 403 });
    const saved = await add(JSON.stringify(MOCK_AWS_CREDENTIALS));
    expect(saved).toMatchObject({ data: { status: "active", settings: { accessKeyId: MOCK_AWS_CREDENTIALS.accessKeyId, region: "us-east-1" } } });
    expect(JSON.stringify(saved)).not.toContain(MOCK_AWS_CREDENTIALS.secretAccessKey);
    expect(bedrock.requests.at(-1)).toMatchObject({ method: "GET", path: "/foundation-models?byOutputModality=TEXT", signature: { accessKeyId: MOCK_AWS_CREDENTIALS.accessKeyId, service: "bedrock" } });
  });
});
