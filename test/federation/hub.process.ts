import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { dbEnv, onPostgres } from "../db-target.js";

/** A `hub serve` child process: its own memory, its own caches, its own connection to the file. */
export interface HubProcess {
  url: string;
  /** From the "database ready" log line: which database the process serves. */
  database: { db: string; dialect: string };
  stop(): Promise<void>;
}

/**
 * Starts `hub serve --port 0` on the database at `dbPath` in a child process (as production runs it) and resolves
 * with its URL, read from the "hub listening" log line. Rejects with its stderr if it exits first.
 */
export function startHubProcess(dbPath: string): Promise<HubProcess> {
  // The database as a deployment gives it: IGHUB_DB on SQLite, DATABASE_URL (the schema standing for
  // the file) on PostgreSQL — the child process is not under the test's openDb mock.
  const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv(dbPath), LOG_LEVEL: "info", IGHUB_SEED_DEMO: "false", IGHUB_ANONYMOUS_READ: "true", NODE_ENV: "test" };
  if (!onPostgres) delete env.DATABASE_URL; // which would win over IGHUB_DB
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", "--port", "0", "--host", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  let database = { db: "", dialect: "" };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hub serve did not start within 120 s: ${stderr}`));
    }, 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hub serve exited with ${code} before listening: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      let record: { url?: string; msg?: string; db?: string; dialect?: string };
      try {
        record = JSON.parse(line);
      } catch {
        return;
      }
      if (record.msg === "database ready") database = { db: String(record.db), dialect: String(record.dialect) };
      if (typeof record.url === "string" && record.msg?.startsWith("hub listening")) {
        clearTimeout(timer);
        resolve({
          url: record.url,
          database,
          async stop() {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
  });
}
