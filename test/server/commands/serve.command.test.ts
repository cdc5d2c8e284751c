import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dbLocation, onPostgres } from "../../db-target.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "ighub-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `hub serve` as production does (node + tsx), without the demo data to keep it quick. */
function serve(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "", LOG_LEVEL: "info", IGHUB_SEED_DEMO: "false", ...env };
  if (!("DATABASE_URL" in env)) delete childEnv.DATABASE_URL; // the case's own database settings only
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", ...args], {
    cwd: ROOT,
    env: childEnv,
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
    const hub = serve(["--port", "0", "--db", dbLocation(join(dir, "hub.db"))]);
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
      const hub = serve(["--port", String(port), "--db", dbLocation(join(dir, "busy.db"))]);
      expect(await hub.exited).toBe(2);
      expect(hub.err().trim()).toBe(`hub: PORT: port ${port} on 127.0.0.1 is already in use; set PORT (or --port) to a free port.`);
    } finally {
      blocker.close();
    }
  });

  // SQLite only: a file that is not a SQLite database (the PostgreSQL counterparts follow).
  it.skipIf(onPostgres)("stops with one line naming IGHUB_DB when the file is not a database", { timeout: 120_000 }, async () => {
    const bogus = join(dir, "not-a-db.txt");
    writeFileSync(bogus, "hello, this is not SQLite\n".repeat(100));
    const hub = serve(["--port", "0"], { IGHUB_DB: bogus });
    expect(await hub.exited).toBe(2);
    const lines = hub.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: cannot use database ".*not-a-db\.txt": .*Set IGHUB_DB \(or --db\) to/);
  });

  // Needs no PostgreSQL server (nothing listens on port 1), so it runs on both passes.
  it("stops with one line naming DATABASE_URL, password redacted, when PostgreSQL cannot be reached", { timeout: 120_000 }, async () => {
    const hub = serve(["--port", "0"], { DATABASE_URL: "postgres://nobody:hunter2@127.0.0.1:1/x" });
    expect(await hub.exited).toBe(2);
    const lines = hub.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hub: cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED.*\. Set DATABASE_URL \(or --db\) to a reachable postgres:\/\/ URL\.$/);
    expect(hub.err() + hub.out()).not.toContain("hunter2");
  });

  it("stops with one line naming DATABASE_URL when it is not a PostgreSQL URL", { timeout: 120_000 }, async () => {
    const hub = serve(["--port", "0"], { DATABASE_URL: "mysql://hub@127.0.0.1/hub" });
    expect(await hub.exited).toBe(2);
    expect(hub.err().trim()).toBe('hub: DATABASE_URL: DATABASE_URL must be a postgres:// (or postgresql://) URL, e.g. postgres://hub@127.0.0.1:5432/hub (got "mysql://hub@127.0.0.1/hub")');
  });

  it("lets --db win over DATABASE_URL", { timeout: 120_000 }, async () => {
    // DATABASE_URL names a server that is not there; --db names the database to serve.
    const hub = serve(["--port", "0", "--db", dbLocation(join(dir, "flag.db"))], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/x" });
    const url = await hub.listening;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ boroughs(first: 1) { totalCount } }" }) });
    expect(await res.json()).toEqual({ data: { boroughs: { totalCount: 33 } } });
    expect(hub.out()).toContain(`"dialect":"${onPostgres ? "postgres" : "sqlite"}"`);
    hub.child.kill("SIGTERM");
    expect(await hub.exited).toBe(0);
  });
});
