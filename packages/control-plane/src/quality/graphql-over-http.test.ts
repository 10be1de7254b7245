// GraphQL over HTTP conformance: every server audit of `graphql-http` against /graphql, through
// yoga.fetch and over a real HTTP listener. MUST, SHOULD and MAY audits all pass today; a MAY
// that stops passing for a deliberate reason belongs in ACCEPTED_FAILURES with the reason.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serverAudits, type AuditResult } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlaneHarness, type ControlPlaneHarness } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let server: Server;
let httpUrl: string;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  server = createServer(h.yoga);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

/** Audit id → why it may fail. Empty: the server passes every audit. */
const ACCEPTED_FAILURES: Record<string, string> = {};

function outcome(result: AuditResult): string {
  return result.status === "ok" ? "ok" : `${result.status}: ${result.reason}`;
}

const transports = [
  { name: "yoga.fetch", audits: serverAudits({ url: "http://api.test/graphql", fetchFn: (input: string, init?: RequestInit) => h.yoga.fetch(input, init ?? {}) }) },
  { name: "HTTP", audits: serverAudits({ url: () => httpUrl }) },
];

describe.each(transports)("graphql-http server audits via $name", ({ audits }) => {
  it("covers MUST, SHOULD and MAY requirements", () => {
    const levels = new Set(audits.map((a) => a.name.split(" ")[0]));
    expect([...levels].sort()).toEqual(["MAY", "MUST", "SHOULD"]);
    expect(audits.length).toBeGreaterThanOrEqual(50);
  });

  it.each(audits.map((a) => ({ ...a, label: `${a.id} ${a.name}` })))("$label", async (audit) => {
    const result = await audit.fn();
    if (audit.id in ACCEPTED_FAILURES) expect(result.status).not.toBe("ok");
    else expect(outcome(result)).toBe("ok");
  });
});
