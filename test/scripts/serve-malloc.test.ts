import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { needsServeMalloc, SERVE_MALLOC, SERVE_NODE_FLAGS } from "../../scripts/serve-malloc.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "ighub-serve-malloc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("needsServeMalloc", () => {
  const argv = (command: string) => ["node", "scripts/hub.mjs", command];
  it("is true only for serve on Linux without the setting and without IGHUB_SERVE_MALLOC=0", () => {
    expect(SERVE_MALLOC).toEqual({ MALLOC_MMAP_THRESHOLD_: "131072" });
    expect(SERVE_NODE_FLAGS).toEqual(["--max-semi-space-size=8"]);
    expect(needsServeMalloc(argv("serve"), {}, "linux")).toBe(true);
    expect(needsServeMalloc(argv("serve"), { IGHUB_SERVE_MALLOC: "1" }, "linux")).toBe(true);
    expect(needsServeMalloc(argv("import"), {}, "linux")).toBe(false);
    expect(needsServeMalloc(["node", "scripts/hub.mjs"], {}, "linux")).toBe(false);
    expect(needsServeMalloc(argv("serve"), {}, "darwin")).toBe(false);
    expect(needsServeMalloc(argv("serve"), { MALLOC_MMAP_THRESHOLD_: "65536" }, "linux")).toBe(false);
    expect(needsServeMalloc(argv("serve"), { IGHUB_SERVE_MALLOC: "0" }, "linux")).toBe(false);
  });
});

/** `node scripts/hub.mjs serve` (as `npm start` runs it) on an empty database: the launcher, and the server's pid from its log. */
async function startHub(db: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "", LOG_LEVEL: "info", LOG_FORMAT: "json", IGHUB_SEED_DEMO: "false", IGHUB_DB: db };
  delete env.DATABASE_URL;
  for (const name of Object.keys(SERVE_MALLOC)) delete env[name];
  delete env.IGHUB_SERVE_MALLOC;
  delete env.NODE_OPTIONS;
  const launcher = spawn(process.execPath, ["scripts/hub.mjs", "serve", "--port", "0"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  launcher.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => launcher.on("exit", (code, signal) => r({ code, signal })));
  const server = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    launcher.stdout.on("data", (c) => {
      stdout += c;
      for (const line of stdout.split("\n")) {
        if (!line.includes('"hub listening')) continue;
        const record = JSON.parse(line) as { pid: number; url: string };
        resolve({ pid: record.pid, url: record.url });
      }
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  return { launcher, server, exited };
}

const gone = async (pid: number) => {
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  return !existsSync(`/proc/${pid}`);
};

describe.runIf(process.platform === "linux").concurrent("hub serve through scripts/hub.mjs", () => {
  it("runs the server in a child process with the malloc setting; SIGTERM to the launcher drains it and both exit 0", { timeout: 120_000 }, async () => {
    const { launcher, server, exited } = await startHub(join(dir, "term.db"));
    expect(server.pid).not.toBe(launcher.pid);
    expect(readFileSync(`/proc/${server.pid}/environ`, "utf8").split("\0")).toContain("MALLOC_MMAP_THRESHOLD_=131072");
    expect(readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0").slice(1, 4)).toEqual(["--max-semi-space-size=8", join(ROOT, "scripts/hub.mjs"), "serve"]);
    const res = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ boroughs(first: 50) { totalCount } }" }) });
    expect(await res.json()).toMatchObject({ data: { boroughs: { totalCount: 33 } } });
    launcher.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await gone(server.pid)).toBe(true);
  });

  it("stops the server when the launcher is killed outright (SIGKILL)", { timeout: 120_000 }, async () => {
    const { launcher, server, exited } = await startHub(join(dir, "kill.db"));
    launcher.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(await gone(server.pid)).toBe(true);
  });
});
