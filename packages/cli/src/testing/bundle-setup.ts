// Vitest global setup: builds dist/switchyard.mjs once, before the end-to-end tests start it.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
  execFileSync(process.execPath, ["packages/cli/scripts/bundle.mjs", "--quiet"], { cwd: root, stdio: "inherit" });
}
