import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { graphql } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, checkBuild, ensureBuild, ROOT } from "../../scripts/build.mjs";
import { buildHubSchema } from "../../schema/index.js";

/** Runs a built entry with node and returns its stdout. */
const runBuilt = (entry: string) => spawnSync(process.execPath, [entry], { encoding: "utf8" }).stdout;

describe("scripts/build.mjs on a small project", () => {
  let root: string;
  beforeAll(() => {
    // Inside the checkout (dist/ is git-ignored), so that its imports of packages resolve.
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    root = mkdtempSync(join(ROOT, "dist", "test-project-"));
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "package-lock.json"), '{ "lockfileVersion": 3 }\n');
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } }));
    writeFileSync(
      join(root, "src/main.ts"),
      [
        'import { fileURLToPath } from "node:url";',
        'import { label, named } from "./dep.js";',
        // Vendored packages, as the hub imports them: CommonJS (default and named) and an ES module.
        'import cliProgress, { SingleBar } from "cli-progress";',
        'import { z } from "zod";',
        "// Legacy decorators (experimentalDecorators), as type-graphql's: called with the prototype and the key.",
        "class Thing { @named() size!: number; }",
        "void Thing;",
        "const vendored = { cjs: typeof SingleBar === \"function\" && SingleBar === cliProgress.SingleBar, esm: z.string().parse(\"ok\") };",
        "console.log(JSON.stringify({ label, fields: named.seen, file: fileURLToPath(import.meta.url), vendored }));",
      ].join("\n"),
    );
    writeFileSync(
      join(root, "src/dep.ts"),
      'export const label: string = "one";\nexport function named() { return (target: object, key: string) => { named.seen.push(`${target.constructor.name}.${key}`); }; }\nnamed.seen = [] as string[];\n',
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const vendorLayers = () => readdirSync(join(root, "dist/hub")).filter((d) => d.startsWith("v-"));

  it("builds the entry and runs it with the sources' import.meta.url and legacy decorators", async () => {
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "no build yet" });
    const entry = await build(root, { entry: "src/main.ts" });
    expect(JSON.parse(runBuilt(entry))).toEqual({ label: "one", fields: ["Thing.size"], file: join(root, "src/main.ts"), vendored: { cjs: true, esm: "ok" } });
    expect(checkBuild(root)).toEqual({ fresh: true, entry });
    expect(vendorLayers()).toHaveLength(1);
    expect(readdirSync(join(root, "dist/hub", vendorLayers()[0]!)).filter((f) => !f.startsWith("chunk-")).sort()).toEqual(["cli-progress.js", "vendor.json", "zod.js"]);
  });

  it("sees an edit that keeps the size and the modification time, and rebuilds with it", async () => {
    const dep = join(root, "src/dep.ts");
    const before = statSync(dep);
    writeFileSync(dep, readFileSync(dep, "utf8").replace('"one"', '"two"'));
    utimesSync(dep, before.atime, before.mtime);
    expect(statSync(dep).size).toBe(before.size);
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "src/dep.ts changed" });
    const entry = await build(root, { entry: "src/main.ts" });
    expect(JSON.parse(runBuilt(entry)).label).toBe("two");
    // The packages did not change: the same vendor layer.
    expect(vendorLayers()).toHaveLength(1);
    // Current again: ensureBuild takes it as it is, and says nothing.
    const logged: string[] = [];
    expect(await ensureBuild(root, { log: (l) => logged.push(l) })).toBe(entry);
    expect(logged).toEqual([]);
  });

  it("rebuilds the vendor layer when the installed packages change, and removes the one no build uses", async () => {
    const before = vendorLayers();
    writeFileSync(join(root, "package-lock.json"), '{ "lockfileVersion": 3, "packages": {} }\n');
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "package-lock.json changed" });
    const entry = await build(root, { entry: "src/main.ts" });
    expect(JSON.parse(runBuilt(entry)).vendored).toEqual({ cjs: true, esm: "ok" });
    const after = vendorLayers();
    expect(after).toHaveLength(2);
    // Older builds are kept (a running hub may load a lazy chunk), so their layer is too, until they go.
    expect(after).toContain(before[0]);
    for (let i = 0; i < 3; i++) await build(root, { entry: "src/main.ts" });
    expect(vendorLayers()).toEqual(after.filter((v) => v !== before[0]));
  });

  it("rebuilds when the TypeScript settings change or a source is gone", async () => {
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: true } }));
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "tsconfig.json changed" });
    await build(root, { entry: "src/main.ts" });
    rmSync(join(root, "src/dep.ts"));
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "src/dep.ts is gone" });
  });
});

describe("the hub's build", () => {
  let out: string;
  let hub: ChildProcess;
  let url: string;

  beforeAll(async () => {
    // Inside the checkout (dist/ is git-ignored): the build's packages resolve from its node_modules.
    mkdirSync(join(ROOT, "dist"), { recursive: true });
    out = mkdtempSync(join(ROOT, "dist", "test-build-"));
    const entry = await build(ROOT, { outRoot: out });
    hub = spawn(process.execPath, [entry, "serve", "--port", "0", "--db", ":memory:"], {
      env: { ...process.env, LOG_FORMAT: "json", LOG_LEVEL: "info", IGHUB_SEED_DEMO: "false" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    for await (const line of createInterface({ input: hub.stdout! })) {
      const m = /hub listening on (\S+)/.exec(line);
      if (m) {
        url = m[1]!;
        break;
      }
    }
    if (!url) throw new Error("the built hub exited before listening (its stderr is above)");
  }, 60_000);
  afterAll(() => {
    hub?.kill("SIGTERM");
    rmSync(out, { recursive: true, force: true });
  });

  const query = async (q: string) => (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: q }) })).json()) as { data: any };

  it("serves the same schema as the TypeScript (type-graphql's decorators and class names intact)", async () => {
    const { data } = await query("{ _service { sdl } }");
    const fromSources = await graphql({ schema: await buildHubSchema(), source: "{ _service { sdl } }" });
    expect(data._service.sdl).toBe((fromSources.data as any)._service.sdl);
    expect(data._service.sdl).toMatch(/^type Borough\s+@key\(fields: "code"\)/m);
  });

  it("answers from the database it migrated, and finds the files it serves next to the sources", async () => {
    expect(await query("{ boroughs(first: 50) { totalCount } }")).toMatchObject({ data: { boroughs: { totalCount: 33 } } });
    const origin = new URL(url).origin;
    for (const path of ["/", "/dashboard", "/dashboard/vendor/chart.umd.min.js"]) expect([path, (await fetch(origin + path)).status]).toEqual([path, 200]);
  });
});
