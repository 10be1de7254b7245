// Helpers of the quality tests: raw GraphQL requests and seeded tenants.
import { expect } from "vitest";
import type { ControlPlaneHarness, TestUser } from "../testing/harness.ts";

export const GRAPHQL_URL = "http://api.test/graphql";

export interface RawResult {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }> };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/** POST a JSON body to /graphql and read the answer whatever its status. */
export async function post(fetchFn: Fetch, body: unknown, headers: Record<string, string> = {}, url = GRAPHQL_URL): Promise<RawResult> {
  const res = await fetchFn(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as RawResult["body"]) : {} };
}

/** Runs a mutation through the harness and returns its success payload's `data` (fails the test on an error result). */
export async function mutate<T>(h: ControlPlaneHarness, as: TestUser, field: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await h.gql<Record<string, { __typename: string; data?: T; message?: string }>>(query, variables, as);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data[field]!;
  expect(result.__typename, result.message).toMatch(/Success$/);
  return result.data as T;
}

export interface SeededOrg {
  organizationId: string;
  projectIds: string[];
}

/** An organization owned by `owner` with `projects` projects of `keys` API keys each, made through the API. */
export async function seedOrganization(h: ControlPlaneHarness, owner: TestUser, name: string, projects: number, keys: number): Promise<SeededOrg> {
  const org = await mutate<{ id: string }>(
    h,
    owner,
    "createOrganization",
    `mutation($name: String!) { createOrganization(input: { name: $name }) { __typename ... on MutationCreateOrganizationSuccess { data { id } } ... on Error { message } } }`,
    { name },
  );
  const projectIds: string[] = [];
  for (let p = 0; p < projects; p++) {
    const project = await mutate<{ id: string }>(
      h,
      owner,
      "createProject",
      `mutation($org: ID!, $name: String!) { createProject(input: { organizationId: $org, name: $name }) { __typename ... on MutationCreateProjectSuccess { data { id } } ... on Error { message } } }`,
      { org: org.id, name: `${name} project ${p}` },
    );
    projectIds.push(project.id);
    for (let k = 0; k < keys; k++) {
      await mutate(
        h,
        owner,
        "createApiKey",
        `mutation($project: ID!, $name: String!) { createApiKey(input: { projectId: $project, name: $name }) { __typename ... on MutationCreateApiKeySuccess { data { key } } ... on Error { message } } }`,
        { project: project.id, name: `key ${k}` },
      );
    }
  }
  return { organizationId: org.id, projectIds };
}
