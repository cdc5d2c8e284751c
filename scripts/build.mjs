#!/usr/bin/env node
// The hub's build: what `npm start` and `npm run hub` run (through scripts/hub.mjs, which calls
// ensureBuild() first). Measured on a two-second start: compiling the TypeScript at run time (tsx)
// was about half, and resolving and reading the ~1,000 files of the packages it loads most of the
// rest. So, two layers, both made by esbuild:
//
// - the app: server/cli.ts and every file of this repository it imports, bundled into
//   dist/hub/<build>/ (a few hundred milliseconds: rebuilt after any edit);
// - the vendor layer: the packages of VENDORED, bundled with their own dependencies into
//   dist/hub/v-<key>/, one module per import the app makes ("type-graphql",
//   "@apollo/server/plugin/disabled", ...), with the same exports Node gives that import. It is
//   rebuilt only when the installed packages (node_modules/.package-lock.json), the imports or this
//   script change. Other packages load from node_modules as under tsx — graphql above all: one
//   copy, shared with the packages the hub loads through createRequire (graphql-jit,
//   graphql-query-complexity).
//
// No stale build, ever: the manifest (dist/hub/manifest.json) lists every file the app build read
// with the SHA-1 of the exact bytes esbuild compiled, plus the files that change how it is built
// (this script, tsconfig.json, package.json, the lockfiles). ensureBuild() hashes them all again
// before each run (about 10 ms) and rebuilds when any differs or is gone. Contents, not mtimes: a
// checkout or a copy that keeps an old mtime still rebuilds.
//
// `node scripts/build.mjs` builds unconditionally (npm's `prepare`, after `npm ci`).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where builds go (git-ignored), relative to the root. */
export const BUILD_DIR = join("dist", "hub");
const ENTRY = "server/cli.ts";
/** Files that change what the build produces without being imported by the hub. */
const SETTINGS_FILES = ["scripts/build.mjs", "tsconfig.json", "package.json", "package-lock.json", "node_modules/.package-lock.json"];
/** Finished app builds kept besides the newest: a hub started from one may still load a lazy chunk of it. */
const KEEP_BUILDS = 2;
const MANIFEST_FORMAT = 2;

/**
 * Packages bundled into the vendor layer: the ones the hub loads at every start whose many small
 * files cost the most to resolve and read (measured one by one, loaded alone: type-graphql 98 →
 * 11 ms, @apollo/server 101 → 22, drizzle-orm 71 → 11, graphql-scalars 57 → 10, zod 58 → 33),
 * and that bundle cleanly (no native code, no files read from their own folder, no worker
 * threads). A package not listed loads from node_modules: always correct, only slower to start.
 * date-holidays is not here: it is not loaded at start at all (analytics/holidays.ts requires it
 * on first use).
 */
export const VENDORED = [
  "@apollo/server",
  "@apollo/subgraph",
  "@escape.tech/graphql-armor",
  "cli-progress",
  "commander",
  "csv-stringify",
  "dataloader",
  "drizzle-orm",
  "graphql-scalars",
  "type-graphql",
  "zod",
];

/**
 * Packages a vendored package imports that must stay in node_modules: graphql (one copy for the
 * whole process), native better-sqlite3, and those that start workers from their own files.
 */
const VENDOR_EXTERNAL = ["graphql", "graphql/*", "better-sqlite3", "pino", "pino-pretty", "thread-stream", "sonic-boom", "reflect-metadata", "synckit", "pg", "pg-cursor", "pg-copy-streams", "ruru", "ruru/*"];

/** Stands for the vendor layer's folder in the app build until its key is known (same length as `v-<12 hex>`: source maps keep their columns). */
const VENDOR_PLACEHOLDER = "v-000000000000";

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

/** The package an import names: `@apollo/server/plugin/disabled` → `@apollo/server`. */
const packageOf = (spec) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");

/** The vendor module's file name for an import: `@apollo/server/plugin/disabled` → `apollo+server+plugin+disabled`. */
const vendorName = (spec) => spec.replace(/^@/, "").replaceAll("/", "+");

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
  if (manifest.format !== MANIFEST_FORMAT) return { fresh: false, reason: "the build is from an older build script" };
  for (const [file, hash] of Object.entries(manifest.files)) {
    const now = hashFile(join(root, file));
    if (now !== hash) return { fresh: false, reason: now === null ? `${file} is gone` : hash === null ? `${file} is new` : `${file} changed` };
  }
  const entry = join(outRoot, manifest.build, manifest.entry);
  for (const needed of [entry, join(outRoot, manifest.vendor, "vendor.json")]) {
    if (!existsSync(needed)) return { fresh: false, reason: `${key(root, needed)} is missing` };
  }
  return { fresh: true, entry };
}

/**
 * esbuild plugin of the app build: loads this repository's files itself, to record the hash of
 * exactly the bytes compiled, and rewrites `import.meta.url` to the source file's URL (computed
 * from the bundle's own, so the build moves with the checkout): paths the hub derives from it (the
 * dashboard, examples, migrations, schema.graphql, worker scripts) point into the sources as under
 * tsx. Imports of vendored packages go to the vendor layer (recorded in `specs`).
 */
function appPlugin(root, outdir, files, specs) {
  return {
    name: "hub-app",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("node:") || !VENDORED.includes(packageOf(args.path))) return undefined;
        specs.add(args.path);
        return { path: `../${VENDOR_PLACEHOLDER}/${vendorName(args.path)}.js`, external: true };
      });
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
 * How Node loads each import from the root: ES module or CommonJS, and the names its namespace
 * has (for CommonJS, what Node's own detection finds). Asked of a child Node process, which
 * imports them all once.
 */
function inspectImports(root, specs) {
  const script = `
    import { readFileSync } from "node:fs";
    import { dirname, join } from "node:path";
    import { fileURLToPath } from "node:url";
    const typeOf = (file) => {
      if (file.endsWith(".mjs")) return "module";
      if (file.endsWith(".cjs")) return "commonjs";
      for (let dir = dirname(file); ; dir = dirname(dir)) {
        try { return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).type ?? "commonjs"; } catch {}
        if (dirname(dir) === dir) return "commonjs";
      }
    };
    const out = {};
    for (const spec of JSON.parse(process.argv[1])) {
      const file = fileURLToPath(import.meta.resolve(spec));
      out[spec] = { esm: typeOf(file) === "module", names: Object.keys(await import(spec)) };
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(specs)], { cwd: root, encoding: "utf8" }));
}

/** The vendor module of one import: re-exports what Node's import of it gives. */
function vendorEntry(spec, { esm, names }) {
  const from = JSON.stringify(spec);
  if (esm) return `export * from ${from};\n${names.includes("default") ? `export { default } from ${from};\n` : ""}`;
  // CommonJS: the default export is module.exports and the named exports are read from it once,
  // after it ran — which is what Node does.
  const named = names.filter((n) => n !== "default" && n !== "__esModule");
  const exportName = (n) => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : JSON.stringify(n));
  return [
    `const m = require(${from});`,
    "export default m;",
    ...named.map((n, i) => `const e${i} = m[${JSON.stringify(n)}];`),
    `export { ${named.map((n, i) => `e${i} as ${exportName(n)}`).join(", ")} };`,
  ].join("\n");
}

/**
 * Builds the vendor layer for `specs` into `outRoot/dir` (written aside, then renamed into place:
 * a hub starting meanwhile never sees half of it).
 */
async function buildVendor(esbuild, root, specs, outRoot, dir) {
  const imports = specs.length > 0 ? inspectImports(root, specs) : {};
  const tmp = join(outRoot, `${dir}.tmp-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  if (specs.length > 0) await esbuild({
    absWorkingDir: root,
    entryPoints: specs.map((spec) => ({ in: `vendor:${spec}`, out: vendorName(spec) })),
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    keepNames: true,
    // Smaller files to read and parse at every start; names are kept (stack traces stay legible).
    minifyWhitespace: true,
    minifySyntax: true,
    chunkNames: "[name]-[hash]",
    external: VENDOR_EXTERNAL,
    // Bundled CommonJS code requires the packages left in node_modules (graphql) and Node's own.
    banner: { js: 'import { createRequire as __hubCreateRequire } from "node:module"; const require = __hubCreateRequire(import.meta.url);' },
    logLevel: "error",
    plugins: [
      {
        name: "hub-vendor",
        setup(b) {
          b.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice("vendor:".length), namespace: "vendor-entry" }));
          b.onLoad({ filter: /.*/, namespace: "vendor-entry" }, (args) => ({ contents: vendorEntry(args.path, imports[args.path]), resolveDir: root, loader: "js" }));
          // An optional package a vendored one imports only when asked (type-graphql's
          // class-validator) stays an import that fails only if it runs, as it would under Node.
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData?.probing || args.namespace === "vendor-entry" || args.path.startsWith("node:")) return undefined;
            const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { probing: true } });
            return found.errors.length > 0 ? { path: args.path, external: true } : undefined;
          });
        },
      },
    ],
  });
  writeFileSync(join(tmp, "vendor.json"), `${JSON.stringify({ specs, imports }, null, 1)}\n`);
  try {
    renameSync(tmp, join(outRoot, dir));
  } catch (err) {
    // Another build of the same layer got there first: use it.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(outRoot, dir, "vendor.json"))) throw err;
  }
}

/**
 * Builds `entry` (default server/cli.ts) of `root` into a new folder of `outRoot` (default
 * dist/hub) — and the vendor layer, when the one it needs is not there yet — writes the manifest,
 * removes old builds, and returns the built entry's path. Type errors are tsc's job
 * (`npm run typecheck`); a syntax error fails the build with esbuild's message.
 */
export async function build(root = ROOT, { entry = ENTRY, outRoot = join(root, BUILD_DIR) } = {}) {
  const { build: esbuild } = await import("esbuild");
  const id = `b${Date.now().toString(36)}${process.pid.toString(36)}`;
  const outdir = join(outRoot, id);
  // Settings are hashed before the build reads them: an edit during the build makes the next run rebuild.
  const files = Object.fromEntries(SETTINGS_FILES.map((f) => [f, hashFile(join(root, f))]));
  const specs = new Set();
  const app = await esbuild({
    absWorkingDir: root,
    entryPoints: { cli: entry },
    outdir,
    write: false,
    bundle: true,
    // Lazy imports (`serve` loads the schema, `gateway` Apollo Gateway) stay lazy as separate chunks.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
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
    plugins: [appPlugin(root, outdir, files, specs)],
  });

  const vendorSpecs = [...specs].sort();
  const vendorKey = sha1([files["scripts/build.mjs"], files["package-lock.json"], files["node_modules/.package-lock.json"], ...vendorSpecs].join("\n")).slice(0, 12);
  const vendorDir = `v-${vendorKey}`;
  mkdirSync(outRoot, { recursive: true });
  if (!existsSync(join(outRoot, vendorDir, "vendor.json"))) await buildVendor(esbuild, root, vendorSpecs, outRoot, vendorDir);

  for (const out of app.outputFiles) {
    mkdirSync(dirname(out.path), { recursive: true });
    writeFileSync(out.path, out.path.endsWith(".map") ? out.contents : out.text.replaceAll(VENDOR_PLACEHOLDER, vendorDir));
  }
  writeFileSync(join(outdir, "build.json"), `${JSON.stringify({ vendor: vendorDir })}\n`);
  const manifest = { format: MANIFEST_FORMAT, build: id, entry: "cli.js", vendor: vendorDir, files };
  const tmp = join(outRoot, `manifest.${id}.json`);
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  // A rename replaces the manifest at once: a hub starting meanwhile reads the old one or the new one.
  renameSync(tmp, join(outRoot, "manifest.json"));
  pruneBuilds(outRoot, id);
  return join(outdir, manifest.entry);
}

/**
 * Removes all but the newest KEEP_BUILDS app builds besides `current` (by modification time), then
 * the vendor layers no remaining build uses.
 */
function pruneBuilds(outRoot, current) {
  const dirs = readdirSync(outRoot, { withFileTypes: true }).filter((d) => d.isDirectory());
  const builds = dirs
    .filter((d) => /^b[0-9a-z]+$/.test(d.name) && d.name !== current)
    .map((d) => d.name)
    .sort((a, b) => statSync(join(outRoot, b)).mtimeMs - statSync(join(outRoot, a)).mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS)) rmSync(join(outRoot, old), { recursive: true, force: true });
  const used = new Set(
    [current, ...builds.slice(0, KEEP_BUILDS)].map((b) => {
      try {
        return JSON.parse(readFileSync(join(outRoot, b, "build.json"), "utf8")).vendor;
      } catch {
        return undefined;
      }
    }),
  );
  for (const d of dirs) if (/^v-[0-9a-f]{12}$/.test(d.name) && !used.has(d.name)) rmSync(join(outRoot, d.name), { recursive: true, force: true });
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
