// The PostgreSQL side of the hub's synchronous SQL connection (db/driver/pg.conn.ts): a worker
// thread that owns node-postgres clients and answers one call at a time while the caller waits on
// it through synckit (Atomics). Plain JavaScript so that it loads the same way under tsx, vitest and
// node. Errors are returned as data (message, SQLSTATE code, detail) so the caller can rethrow them
// with their code; a thrown error would lose its properties crossing the thread boundary.
import { runAsWorker } from "synckit";
import pg from "pg";
import Cursor from "pg-cursor";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;
/** Integers and booleans come back as numbers (0/1), as better-sqlite3 returns them. */
const types = {
  getTypeParser(oid, format) {
    if (oid === INT8 || oid === NUMERIC) return (v) => (v === null ? null : Number(v));
    if (oid === BOOL) return (v) => (v === null ? null : v === "t" || v === "true" ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
};

const clients = new Map();
const cursors = new Map();
let nextId = 1;

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

function toError(err) {
  return { error: { message: err?.message ?? String(err), code: err?.code ?? null, detail: err?.detail ?? null, constraint: err?.constraint ?? null } };
}

const ops = {
  async connect({ url, schema }) {
    const client = new pg.Client({ connectionString: url, types, application_name: "london-ig-hub" });
    client.on("error", () => {});
    await client.connect();
    try {
      if (schema) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
        await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      }
      const { rows } = await client.query("SELECT current_schema() AS s");
      const id = nextId++;
      clients.set(id, { client, schema: rows[0].s });
      return { id, schema: rows[0].s };
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
  },
  async query({ id, text, params, mode }) {
    const { client } = clients.get(id);
    const res = await client.query({ text, values: params, rowMode: mode === "array" ? "array" : undefined });
    const last = Array.isArray(res) ? res[res.length - 1] : res;
    return { rows: last.rows ?? [], rowCount: last.rowCount ?? 0 };
  },
  async exec({ id, text }) {
    const { client } = clients.get(id);
    await client.query(text);
    return {};
  },
  async migrate({ id, folder }) {
    const { client, schema } = clients.get(id);
    await migrate(drizzle({ client }), { migrationsFolder: folder, migrationsSchema: schema, migrationsTable: "__drizzle_migrations" });
    return {};
  },
  async cursorOpen({ id, text, params, mode }) {
    const { client } = clients.get(id);
    const cursor = client.query(new Cursor(text, params, { rowMode: mode === "array" ? "array" : undefined, types }));
    const cid = nextId++;
    cursors.set(cid, cursor);
    return { cursor: cid };
  },
  async cursorRead({ cursor, n }) {
    const c = cursors.get(cursor);
    const rows = await c.read(n);
    if (rows.length < n) {
      cursors.delete(cursor);
      await c.close();
    }
    return { rows };
  },
  async cursorClose({ cursor }) {
    const c = cursors.get(cursor);
    cursors.delete(cursor);
    if (c) await c.close();
    return {};
  },
  async close({ id }) {
    const entry = clients.get(id);
    clients.delete(id);
    if (entry) await entry.client.end().catch(() => {});
    return {};
  },
};

runAsWorker(async (op, args) => {
  try {
    return { ok: await ops[op](args) };
  } catch (err) {
    return toError(err);
  }
});
