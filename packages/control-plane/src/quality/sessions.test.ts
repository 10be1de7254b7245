// Browser sessions: the cookie's attributes, CSRF (the cookie counts only on requests a browser
// preflights), CORS (no credentialed cross-origin access), sign-out, sign-in throttling and
// password storage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlaneHarness, type ControlPlaneHarness } from "../testing/harness.ts";
import { GRAPHQL_URL, post, type RawResult } from "./support.ts";

let h: ControlPlaneHarness;

const MAX_FAILURES = 3;
const WINDOW_SECONDS = 60;

beforeAll(async () => {
  h = await startControlPlaneHarness({ signIn: { maxFailures: MAX_FAILURES, windowSeconds: WINDOW_SECONDS } });
}, 60_000);

afterAll(() => h.close());

const PASSWORD = "correct horse battery staple";
const VIEWER = "{ viewer { id email } }";
const SESSION = `__typename ... on Error { message code } ... on InputError { field }`;
const SIGN_UP = `mutation($email: String!, $password: String!) { signUp(input: { email: $email, password: $password }) { ${SESSION} ... on MutationSignUpSuccess { data { user { id email } expiresAt } } } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { ${SESSION} ... on RateLimitedError { retryAfterSeconds } ... on MutationSignInSuccess { data { user { id email } expiresAt } } } }`;
const SIGN_OUT = `mutation { signOut { __typename ... on Error { message code } ... on MutationSignOutSuccess { data } } }`;

let emails = 0;
const nextEmail = () => `person${++emails}@example.com`;

function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResult> {
  return post(h.yoga.fetch, { query, variables }, headers);
}

/** The `name=value` part of the session cookie the response sets. */
function sessionOf(res: RawResult): string {
  const set = res.headers.get("set-cookie");
  expect(set, res.text).toBeTruthy();
  return set!.split(";")[0]!;
}

async function signUp(email = nextEmail()): Promise<{ email: string; userId: string; cookie: string }> {
  const res = await gql(SIGN_UP, { email, password: PASSWORD });
  const data = res.body.data as { signUp: { __typename: string; data: { user: { id: string } } } };
  expect(data.signUp.__typename, res.text).toBe("MutationSignUpSuccess");
  return { email, userId: data.signUp.data.user.id, cookie: sessionOf(res) };
}

async function viewerWith(init: RequestInit & { url?: string }): Promise<unknown> {
  const res = await h.yoga.fetch(init.url ?? GRAPHQL_URL, init);
  if (res.status !== 200) return `HTTP ${res.status}`;
  return ((await res.json()) as { data: { viewer: unknown } }).data.viewer;
}

describe("the session cookie", () => {
  it("sign-up and sign-in set an HttpOnly, SameSite=Strict session cookie; only its hash is stored", async () => {
    const { email, cookie } = await signUp();
    const res = await gql(SIGN_IN, { email, password: PASSWORD });
    expect((res.body.data as { signIn: { __typename: string } }).signIn.__typename).toBe("MutationSignInSuccess");
    const set = res.headers.get("set-cookie")!;
    const attributes = set.split(";").map((a) => a.trim());
    expect(attributes[0]).toMatch(/^sy_session=sys_[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=86400"]));
    expect(attributes[0]).not.toBe(cookie); // every sign-in is a new session
    expect(res.text).not.toContain(attributes[0]!.split("=")[1]); // the token is only in the header
    // Only the token's hash is stored.
    const sessions = await h.db.prisma.session.findMany({ where: { user: { email } } });
    expect(sessions).toHaveLength(2);
    for (const s of sessions) expect(s.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(sessions)).not.toContain(attributes[0]!.split("=")[1]);
  });

  it("counts on a POST with a JSON body, or with the x-switchyard-csrf header", async () => {
    const { userId, cookie } = await signUp();
    const body = JSON.stringify({ query: VIEWER });
    expect(await viewerWith({ method: "POST", headers: { cookie, "content-type": "application/json" }, body })).toMatchObject({ id: userId });
    expect(await viewerWith({ method: "POST", headers: { cookie, "content-type": "application/json; charset=utf-8" }, body })).toMatchObject({ id: userId });
    expect(await viewerWith({ url: `${GRAPHQL_URL}?query=${encodeURIComponent(VIEWER)}`, headers: { cookie, "x-switchyard-csrf": "1" } })).toMatchObject({ id: userId });
  });

  it("is ignored on requests another site can send without a preflight", async () => {
    const { cookie } = await signUp();
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: VIEWER }));
    form.set("map", "{}");
    const attempts: Record<string, RequestInit & { url?: string }> = {
      "GET with the query in the URL": { url: `${GRAPHQL_URL}?query=${encodeURIComponent(VIEWER)}`, headers: { cookie } },
      "POST text/plain": { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: JSON.stringify({ query: VIEWER }) },
      "POST application/x-www-form-urlencoded": { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ query: VIEWER }).toString() },
      "POST multipart/form-data": { method: "POST", headers: { cookie }, body: form },
    };
    const outcomes = Object.fromEntries(await Promise.all(Object.entries(attempts).map(async ([name, init]) => [name, await viewerWith(init)] as const)));
    expect(outcomes).toEqual({
      "GET with the query in the URL": null,
      "POST text/plain": "HTTP 415", // yoga does not parse text/plain at all
      "POST application/x-www-form-urlencoded": null,
      "POST multipart/form-data": null,
    });
  });

  it("a mutation cannot ride on a GET even with the CSRF header", async () => {
    const { cookie } = await signUp();
    const res = await h.yoga.fetch(`${GRAPHQL_URL}?query=${encodeURIComponent('mutation { createOrganization(input: { name: "x" }) { __typename } }')}`, { headers: { cookie, "x-switchyard-csrf": "1" } });
    expect(res.status).toBe(405);
  });

  it("is never allowed cross-origin by CORS: other origins get no Access-Control-Allow-Credentials", async () => {
    const { cookie } = await signUp();
    const origin = "https://other.example.com";
    const preflight = await h.yoga.fetch(GRAPHQL_URL, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    // A bearer token works from any origin (no ambient credential is involved).
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const actual = await h.yoga.fetch(GRAPHQL_URL, { method: "POST", headers: { origin, cookie, "content-type": "application/json" }, body: JSON.stringify({ query: VIEWER }) });
    expect(actual.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("sign-out revokes the session: the same cookie no longer authenticates, and the cookie is cleared", async () => {
    const { userId, cookie } = await signUp();
    expect((await gql(VIEWER, {}, { cookie })).body.data).toMatchObject({ viewer: { id: userId } });
    const out = await gql(SIGN_OUT, {}, { cookie });
    expect(out.body.data).toEqual({ signOut: { __typename: "MutationSignOutSuccess", data: true } });
    expect(out.headers.get("set-cookie")).toMatch(/^sy_session=; .*Max-Age=0/);
    expect((await gql(VIEWER, {}, { cookie })).body.data).toEqual({ viewer: null });
    expect((await h.db.prisma.session.findFirstOrThrow({ where: { userId } })).revokedAt).toBeInstanceOf(Date);
    // Signing out again is refused as unauthenticated.
    const again = await gql(SIGN_OUT, {}, { cookie });
    expect(again.body.data).toMatchObject({ signOut: { __typename: "UnauthenticatedError", code: "UNAUTHENTICATED" } });
  });

  it("an expired session does not authenticate", async () => {
    const { userId, cookie } = await signUp();
    await h.db.prisma.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await gql(VIEWER, {}, { cookie })).body.data).toEqual({ viewer: null });
  });
});

describe("sign-in throttling", () => {
  it(`after ${MAX_FAILURES} failures the account is blocked, even for the right password, with retryAfterSeconds`, async () => {
    const { email } = await signUp();
    for (let i = 0; i < MAX_FAILURES; i++) {
      const wrong = await gql(SIGN_IN, { email, password: "not the password" });
      expect(wrong.body.data).toEqual({ signIn: { __typename: "InputError", message: "Wrong email or password.", code: "BAD_INPUT", field: "password" } });
    }
    for (const password of ["not the password", PASSWORD]) {
      const blocked = await gql(SIGN_IN, { email: email.toUpperCase(), password });
      const result = (blocked.body.data as { signIn: { __typename: string; code: string; message: string; retryAfterSeconds: number } }).signIn;
      expect(result).toMatchObject({ __typename: "RateLimitedError", code: "RATE_LIMITED" });
      expect(result.retryAfterSeconds).toBeGreaterThan(0);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(result.message).toContain(`${result.retryAfterSeconds} s`);
      expect(blocked.headers.get("set-cookie")).toBeNull();
    }
  });

  it("unknown accounts are throttled the same way (no account enumeration), and other accounts are unaffected", async () => {
    const ghost = nextEmail();
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await gql(SIGN_IN, { email: ghost, password: PASSWORD });
      expect(res.body.data).toMatchObject({ signIn: { __typename: "InputError", message: "Wrong email or password." } });
    }
    expect((await gql(SIGN_IN, { email: ghost, password: PASSWORD })).body.data).toMatchObject({ signIn: { __typename: "RateLimitedError" } });
    const { email } = await signUp();
    expect((await gql(SIGN_IN, { email, password: PASSWORD })).body.data).toMatchObject({ signIn: { __typename: "MutationSignInSuccess" } });
  });

  it("a successful sign-in resets the failure count", async () => {
    const { email } = await signUp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX_FAILURES - 1; i++) await gql(SIGN_IN, { email, password: "nope nope nope" });
      expect((await gql(SIGN_IN, { email, password: PASSWORD })).body.data).toMatchObject({ signIn: { __typename: "MutationSignInSuccess" } });
    }
  });
});

describe("password storage", () => {
  it("stores a salted scrypt hash, never the password", async () => {
    const first = await signUp();
    const second = await signUp();
    const users = await h.db.prisma.user.findMany({ where: { id: { in: [first.userId, second.userId] } } });
    const hashes = users.map((u) => u.passwordHash!);
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
      expect(hash).not.toContain(PASSWORD);
    }
    expect(hashes[0]).not.toBe(hashes[1]); // same password, different salts
    const row = await h.db.sql.session((s) => s.query(`SELECT * FROM "User" WHERE id = $1`, [first.userId]));
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it("refuses passwords that are too short, naming the field", async () => {
    const res = await gql(SIGN_UP, { email: nextEmail(), password: "short" });
    expect(res.body.data).toEqual({ signUp: { __typename: "InputError", message: "password must have at least 10 characters.", code: "BAD_INPUT", field: "password" } });
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
