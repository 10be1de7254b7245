// Builds dist/switchyard.mjs: the CLI and every @switchyard package it imports as plain
// JavaScript, so `switchyard start` runs on node alone instead of compiling TypeScript at start
// (tsx's loader thread costs about 35 MB of resident memory in every process).
// Third-party packages are not bundled: each import points at the file it resolves to in
// node_modules, so the bundle runs only from the checkout that built it (it is rebuilt at every
// start, in about a third of a second). Our sources keep their own `import.meta.url`, so files
// they read relative to themselves (migrations, the tokenizer table) are found as before.
// The output is split into chunks so that what a role imports lazily (each role's package, the
// mock upstreams, Ajv) and the third-party packages only those import stay unloaded in processes
// that do not need them: a gateway process does not load GraphQL or the worker (an idle gateway
// holds 112 MB instead of 136 MB with one file).
// Each build goes to dist/build-<content hash>/, written under a temporary name and renamed, and
// dist/switchyard.mjs (one import line) is replaced atomically: a running process keeps reading
// the chunks of the build it started from. Builds not started for a week are removed.
//
// node packages/cli/scripts/bundle.mjs [--quiet]
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const DIST = join(root, "dist");
const BUNDLE = join(DIST, "switchyard.mjs");
const KEEP_UNUSED_BUILDS_MS = 7 * 24 * 3600 * 1000;

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

/** Builds the bundle and points dist/switchyard.mjs at it. */
async function bundle() {
  const outdir = join(DIST, "next");
  const result = await build({
    entryPoints: [join(root, "packages/cli/src/main.ts")],
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["import", "node"],
    plugins: [switchyardSources],
    outdir,
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    write: false,
    logLevel: "error",
    banner: { js: "// Built by packages/cli/scripts/bundle.mjs from this checkout's sources: do not edit." },
  });
  const hash = createHash("sha256");
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  const name = `build-${hash.digest("hex").slice(0, 16)}`;
  const dir = join(DIST, name);
  await mkdir(DIST, { recursive: true });
  if (await exists(dir)) {
    const now = new Date();
    await utimes(dir, now, now).catch(() => undefined); // in use: not removed as unused (a read-only checkout just keeps it)
  } else {
    const temporary = join(DIST, `.${name}.${process.pid}.tmp`);
    await mkdir(temporary, { recursive: true });
    for (const file of result.outputFiles) await writeFile(join(temporary, file.path.slice(outdir.length + 1)), file.contents);
    // Another build of the same sources may have won the race: then its directory is the same.
    await rename(temporary, dir).catch(() => rm(temporary, { recursive: true, force: true }));
  }
  const entryText = `// Built by packages/cli/scripts/bundle.mjs: do not edit.\nimport "./${name}/main.mjs";\n`;
  // Unchanged sources write nothing: a checkout built ahead (e.g. in an image) may be read-only.
  if ((await readFile(BUNDLE, "utf8").catch(() => "")) !== entryText) {
    const entry = `${BUNDLE}.${process.pid}.tmp`;
    await writeFile(entry, entryText);
    await rename(entry, BUNDLE);
    await removeOldBuilds(name);
  }
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function removeOldBuilds(current) {
  const now = Date.now();
  for (const entry of await readdir(DIST)) {
    if (!entry.startsWith("build-") || entry === current) continue;
    const info = await stat(join(DIST, entry)).catch(() => undefined);
    if (info && now - info.mtimeMs > KEEP_UNUSED_BUILDS_MS) await rm(join(DIST, entry), { recursive: true, force: true });
  }
}

const started = Date.now();
await bundle();
if (!process.argv.includes("--quiet")) process.stderr.write(`built ${BUNDLE} in ${Date.now() - started} ms\n`);
