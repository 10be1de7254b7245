// bin/switchyard, the launcher operators run under a supervisor: node flags that NODE_OPTIONS
// refuses (V8's --single-threaded-gc, which the README recommends for a gateway on one core)
// reach node through SWITCHYARD_NODE_FLAGS.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const run = promisify(execFile);

let dir: string;
let preload: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchyard-launcher-"));
  preload = join(dir, "report-flags.cjs");
  // Loaded by node before the bundle when the flags reach it: prints the flags node was given.
  await writeFile(preload, 'process.stdout.write(`node flags: ${process.execArgv.join(" ")}\\n`);\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const launch = (flags: string | undefined) =>
  run(join(root, "bin/switchyard"), ["--help"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...(flags === undefined ? {} : { SWITCHYARD_NODE_FLAGS: flags }) },
  });

describe("bin/switchyard", () => {
  it("passes SWITCHYARD_NODE_FLAGS to node, V8 flags included, then runs the CLI", async () => {
    const { stdout } = await launch(`--single-threaded-gc --max-semi-space-size=4 --require ${preload}`);
    expect(stdout).toContain(`node flags: --single-threaded-gc --max-semi-space-size=4 --require ${preload}\n`);
    expect(stdout).toContain("Usage: switchyard <command>");
  });

  it("runs node without extra flags when the variable is unset", async () => {
    const { stdout } = await launch(undefined);
    expect(stdout).not.toContain("node flags:");
    expect(stdout).toContain("Usage: switchyard <command>");
  });

  it("stops with node's own error for a flag node does not know", async () => {
    const failed = await launch("--no-such-node-flag").then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toContain("--no-such-node-flag");
  });
});
