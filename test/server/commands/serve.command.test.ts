import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "ighub-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `hub serve` as production does (node + tsx), without the demo data to keep it quick. */
function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "", LOG_LEVEL: "info", IGHUB_SEED_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  listening.catch(() => {});
  return { child, exited, listening, out: () => stdout, err: () => stderr };
}

// Each case starts its own process (the CLI loads every command first), so they run side by side.
describe.concurrent("hub serve", () => {
  it("prepares the database, answers 33 boroughs, and on SIGTERM drains and exits 0", { timeout: 120_000 }, async () => {
    const hub = serve(["--port", "0", "--db", join(dir, "hub.db")]);
    const url = await hub.listening;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ boroughs(first: 50) { totalCount } }" }) });
    expect(await res.json()).toEqual({ data: { boroughs: { totalCount: 33 } } });
    hub.child.kill("SIGTERM");
    expect(await hub.exited).toBe(0);
    expect(hub.out()).toContain('"msg":"hub stopped"');
  });

  it("stops with one line naming PORT for a bad port value", { timeout: 120_000 }, async () => {
    const hub = serve([], { PORT: "eighty" });
    expect(await hub.exited).toBe(2);
    expect(hub.err().trim()).toBe('hub: PORT: PORT must be a whole number between 0 and 65535 (got "eighty")');
  });

  it("stops with one line naming PORT when the port is in use", { timeout: 120_000 }, async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const hub = serve(["--port", String(port), "--db", join(dir, "busy.db")]);
      expect(await hub.exited).toBe(2);
      expect(hub.err().trim()).toBe(`hub: PORT: port ${port} on 127.0.0.1 is already in use; set PORT (or --port) to a free port.`);
    } finally {
      blocker.close();
    }
  });

  it("stops with one line naming IGHUB_DB when the file is not a database", { timeout: 120_000 }, async () => {
    const bogus = join(dir, "not-a-db.txt");
    writeFileSync(bogus, "hello, this is not SQLite\n".repeat(100));
    const hub = serve(["--port", "0"], { IGHUB_DB: bogus });
    expect(await hub.exited).toBe(2);
    const lines = hub.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: cannot use database ".*not-a-db\.txt": .*Set IGHUB_DB \(or --db\) to/);
  });
});
