#!/usr/bin/env node
// The hub's build: server/cli.ts and every file of this repository it imports, bundled by esbuild
// into dist/hub/<build>/ (packages stay in node_modules and load as they do under tsx). `npm start`
// and `npm run hub` run it through scripts/hub.mjs, which calls ensureBuild() first: compiling the
// TypeScript at run time (tsx) was about half of a two-second start.
//
// No stale build, ever: the manifest (dist/hub/manifest.json) lists every file the build read with
// the SHA-1 of the exact bytes esbuild compiled, plus the files that change how it compiles
// (this script, tsconfig.json, package.json). ensureBuild() hashes them all again before each run
// (about 10 ms) and rebuilds (a few hundred ms) when any differs or is gone. Contents, not mtimes:
// a checkout or a copy that keeps an old mtime still rebuilds.
//
// `node scripts/build.mjs` builds unconditionally (npm's `prepare`, after `npm ci`).

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where builds go (git-ignored), relative to the root. */
export const BUILD_DIR = join("dist", "hub");
const ENTRY = "server/cli.ts";
/** Files that change what the build produces without being imported by the hub. */
const SETTINGS_FILES = ["scripts/build.mjs", "tsconfig.json", "package.json"];
/** Finished builds kept besides the newest: a hub started from one may still load a lazy chunk of it. */
const KEEP_BUILDS = 2;
const MANIFEST_FORMAT = 1;

const LOADERS = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js", ".json": "json" };

const sha1 = (bytes) => createHash("sha1").update(bytes).digest("hex");

/** The SHA-1 of a file, or null when it does not exist. */
function hashFile(file) {
  try {
    return sha1(readFileSync(file));
  } catch (err) {
    if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
    throw err;
  }
}

/** A path relative to the root with forward slashes (the manifest's keys). */
const key = (root, file) => relative(root, file).split(sep).join("/");

/**
 * Whether the build in `root` is current. `{ fresh: true, entry }` (the built CLI's path), or
 * `{ fresh: false, reason }` saying why not (no build yet, or which file changed).
 */
export function checkBuild(root = ROOT) {
  const outRoot = join(root, BUILD_DIR);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outRoot, "manifest.json"), "utf8"));
  } catch {
    return { fresh: false, reason: "no build yet" };
  }
  if (manifest.format !== MANIFEST_FORMAT || typeof manifest.build !== "string" || typeof manifest.files !== "object") return { fresh: false, reason: "the build is from an older build script" };
  for (const [file, hash] of Object.entries(manifest.files)) {
    const now = hashFile(join(root, file));
    if (now !== hash) return { fresh: false, reason: now === null ? `${file} is gone` : hash === null ? `${file} is new` : `${file} changed` };
  }
  const entry = join(outRoot, manifest.build, manifest.entry);
  try {
    statSync(entry);
  } catch {
    return { fresh: false, reason: `${key(root, entry)} is missing` };
  }
  return { fresh: true, entry };
}

/**
 * esbuild plugin: loads this repository's files itself, to record the hash of exactly the bytes
 * compiled, and rewrites `import.meta.url` to the source file's URL (computed from the bundle's
 * own, so the build moves with the checkout). Paths the hub derives from it (the dashboard,
 * examples, migrations, schema.graphql, worker scripts) then point into the sources as under tsx.
 */
function sourcePlugin(root, outdir, files) {
  return {
    name: "hub-sources",
    setup(b) {
      b.onLoad({ filter: /.*/ }, (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) return { errors: [{ text: `the build cannot load ${key(root, args.path)} (unknown file type)` }] };
        const bytes = readFileSync(args.path);
        files[key(root, args.path)] = sha1(bytes);
        let contents = bytes.toString("utf8");
        if (/\bimport\.meta\.(dirname|filename)\b/.test(contents)) {
          return { errors: [{ text: `${key(root, args.path)}: use import.meta.url (the build rewrites it; import.meta.dirname and .filename would name dist/)` }] };
        }
        if (contents.includes("import.meta.url")) {
          const fromBundle = JSON.stringify(relative(outdir, args.path).split(sep).join("/"));
          contents = contents.replaceAll("import.meta.url", `new URL(${fromBundle}, import.meta.url).href`);
        }
        return { contents, loader };
      });
    },
  };
}

/**
 * Builds `entry` (default server/cli.ts) of `root` into a new folder of `outRoot` (default
 * dist/hub), writes the manifest, removes old builds, and returns the built entry's path. Type
 * errors are tsc's job (`npm run typecheck`); a syntax error fails the build with esbuild's message.
 */
export async function build(root = ROOT, { entry = ENTRY, outRoot = join(root, BUILD_DIR) } = {}) {
  const { build: esbuild } = await import("esbuild");
  const id = `b${Date.now().toString(36)}${process.pid.toString(36)}`;
  const outdir = join(outRoot, id);
  // Settings are hashed before the build reads them: an edit during the build makes the next run rebuild.
  const files = Object.fromEntries(SETTINGS_FILES.map((f) => [f, hashFile(join(root, f))]));
  await esbuild({
    absWorkingDir: root,
    entryPoints: { cli: entry },
    outdir,
    bundle: true,
    // Lazy imports (`serve` loads the schema, `gateway` Apollo Gateway) stay lazy as separate chunks.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages load from node_modules as under tsx: one copy of graphql (type-graphql, graphql-jit
    // and Apollo must share it), native better-sqlite3, ruru's and pino's files.
    packages: "external",
    // type-graphql names GraphQL types after their classes; bundling renames classes whose names
    // clash across files unless told to keep them.
    keepNames: true,
    // Decorators: esbuild reads experimentalDecorators and useDefineForClassFields from
    // tsconfig.json and, like tsx (also esbuild), emits no decorator metadata: every @Field has its
    // explicit type thunk.
    sourcemap: "linked",
    sourcesContent: false,
    chunkNames: "[name]-[hash]",
    logLevel: "error",
    plugins: [sourcePlugin(root, outdir, files)],
  });
  const manifest = { format: MANIFEST_FORMAT, build: id, entry: "cli.js", files };
  const tmp = join(outRoot, `manifest.${id}.json`);
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  // A rename replaces the manifest at once: a hub starting meanwhile reads the old one or the new one.
  renameSync(tmp, join(outRoot, "manifest.json"));
  pruneBuilds(outRoot, id);
  return join(outdir, manifest.entry);
}

/** Removes all but the newest KEEP_BUILDS builds besides `current` (build ids sort by time). */
function pruneBuilds(outRoot, current) {
  const builds = readdirSync(outRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^b[0-9a-z]+$/.test(d.name) && d.name !== current)
    .map((d) => d.name)
    .sort((a, b) => statSync(join(outRoot, b)).mtimeMs - statSync(join(outRoot, a)).mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS)) rmSync(join(outRoot, old), { recursive: true, force: true });
}

/**
 * The built CLI's path, building first when the build is missing or any file it came from changed
 * (one line on stderr says so and why).
 */
export async function ensureBuild(root = ROOT, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const state = checkBuild(root);
  if (state.fresh) return state.entry;
  const started = performance.now();
  const entry = await build(root);
  log(`hub: built ${BUILD_DIR} in ${Math.round(performance.now() - started)} ms (${state.reason})`);
  return entry;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  try {
    await build(ROOT);
  } catch {
    // esbuild has printed what is wrong and where.
    console.error("build: failed (above)");
    process.exit(1);
  }
  console.error(`build: ${BUILD_DIR} in ${Math.round(performance.now() - started)} ms`);
}
