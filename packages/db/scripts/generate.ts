// `prisma generate` that works offline: the CLI insists on resolving a native schema engine
// before any command, but generate does not use it. Point it at an existing file unless the
// operator already provides a real engine. Never use this trick for migrations (see README).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { delimiter, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// The Pothos types generator (`prisma-pothos-types`) is a bin of this package's dependencies.
const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../node_modules/.bin");
env.PATH = `${bin}${delimiter}${env.PATH ?? ""}`;

const result = spawnSync(process.execPath, [prismaCli, "generate", ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
