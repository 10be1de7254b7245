// Builds dist/switchyard.mjs: the CLI and every @switchyard package it imports as one plain
// JavaScript file, so `switchyard start` runs on node alone instead of compiling TypeScript at
// start (tsx's loader thread costs about 30 MB of resident memory in every process).
// Third-party packages are not bundled: each import points at the file it resolves to in
// node_modules, so the bundle runs only from the checkout that built it (it is rebuilt at every
// start, in about a third of a second). Our sources keep their own `import.meta.url`, so files
// they read relative to themselves (migrations, the tokenizer table) are found as before.
//
// node packages/cli/scripts/bundle.mjs [--quiet]
import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const BUNDLE = join(root, "dist", "switchyard.mjs");

const switchyardSources = {
  name: "switchyard-sources",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@switchyard/") || args.path.startsWith("node:") || args.pluginData?.resolving) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { resolving: true } });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // Node built-ins without the node: prefix stay as written.
      return { path: resolved.external ? args.path : resolved.path, external: true };
    });
    b.onLoad({ filter: /\/packages\/[^/]+\/src\/.*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const contents = text.includes("import.meta.url") ? text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)) : text;
      return { contents, loader: "ts" };
    });
  },
};

/** Builds the bundle (written atomically: a running process keeps the file it started from). */
export async function bundle() {
  const result = await build({
    entryPoints: [join(root, "packages/cli/src/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["import", "node"],
    plugins: [switchyardSources],
    write: false,
    logLevel: "error",
    banner: { js: "// Built by packages/cli/scripts/bundle.mjs from this checkout's sources: do not edit." },
  });
  const [output] = result.outputFiles;
  await mkdir(dirname(BUNDLE), { recursive: true });
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await writeFile(temporary, output.contents);
  await rename(temporary, BUNDLE);
  return BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const file = await bundle();
  if (!process.argv.includes("--quiet")) process.stderr.write(`built ${file} in ${Date.now() - started} ms\n`);
}
