import type { Command } from "commander";
import { loadConfig } from "../config.js";
import { openDb } from "../../db/connection.js";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from "../../db/keys.js";

const collect = (value: string, previous: string[]) => [...previous, value];

function withDb<T>(dbOption: string | undefined, run: (db: ReturnType<typeof openDb>) => T): T {
  const config = loadConfig(process.env, dbOption ? { dbPath: dbOption } : {});
  const db = openDb(config.dbPath);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const iso = (ms: number | null) => (ms == null ? "" : new Date(ms).toISOString());

function describe(k: ApiKeyInfo): string {
  const scope = k.boroughs.length ? ` boroughs=${k.boroughs.join(",")}` : "";
  const state = k.revokedAt == null ? "active" : `revoked ${iso(k.revokedAt)}`;
  return `${k.id}  ${k.role.padEnd(6)}  ${state.padEnd(32)}  created ${iso(k.createdAt)}  ${JSON.stringify(k.name)}${scope}`;
}

/** `hub keys create|list|revoke`: API keys (the secret is printed once, at creation). */
export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("Create, list and revoke API keys (stored as SHA-256 hashes; a secret is shown once).");

  keys
    .command("create")
    .description("Create a key and print its secret once.")
    .requiredOption("--role <role>", "viewer, editor or admin")
    .requiredOption("--name <name>", "who holds the key, e.g. \"Camden IG\"")
    .option("--borough <code>", "GSS code an editor may write for (repeat for several)", collect, [] as string[])
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .option("--json", "print the key as JSON")
    .action((opts: { role: string; name: string; borough: string[]; db?: string; json?: boolean }) => {
      const key = withDb(opts.db, (db) => createApiKey(db, { name: opts.name, role: opts.role, boroughs: opts.borough }));
      if (opts.json) {
        console.log(JSON.stringify(key));
        return;
      }
      console.log(describe(key));
      console.log(`secret: ${key.secret}`);
      console.log("Store the secret now: it is not kept and cannot be shown again. Send it as `Authorization: Bearer <secret>`.");
    });

  keys
    .command("list")
    .description("List keys (ids, roles, boroughs, state; never secrets).")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .option("--json", "print the keys as JSON")
    .action((opts: { db?: string; json?: boolean }) => {
      const all = withDb(opts.db, (db) => listApiKeys(db));
      if (opts.json) console.log(JSON.stringify(all));
      else if (all.length === 0) console.log("no keys yet: npm run hub -- keys create --role viewer --name \"...\"");
      else for (const k of all) console.log(describe(k));
    });

  keys
    .command("revoke")
    .description("Revoke a key; requests presenting it are refused from the next request on.")
    .argument("<id>", "key id (from keys list)")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action((id: string, opts: { db?: string }) => {
      const key = withDb(opts.db, (db) => revokeApiKey(db, id));
      console.log(describe(key));
    });
}
