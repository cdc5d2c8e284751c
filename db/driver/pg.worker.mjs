// The PostgreSQL side of the hub's synchronous SQL connection (db/driver/pg.conn.ts): a worker
// thread that owns node-postgres clients and answers one call at a time while the caller waits on
// it through synckit (Atomics). Plain JavaScript so that it loads the same way under tsx, vitest and
// node. Errors are returned as data (message, SQLSTATE code, detail) so the caller can rethrow them
// with their code; a thrown error would lose its properties crossing the thread boundary.
import { runAsWorker } from "synckit";
import pg from "pg";
import Cursor from "pg-cursor";
import { from as copyFrom } from "pg-copy-streams";
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

async function finishCursor(cid) {
  const c = cursors.get(cid);
  if (!c) return;
  cursors.delete(cid);
  c.entry.cursors--;
  await c.cursor.close().catch(() => {});
}

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

function toError(err) {
  // drizzle's migrator wraps the database error ("Failed query: <the whole migration>"): report the
  // database's own message and SQLSTATE.
  while (err?.cause && err.code === undefined) err = err.cause;
  return { error: { message: err?.message ?? String(err), code: err?.code ?? null, detail: err?.detail ?? null, constraint: err?.constraint ?? null } };
}

/**
 * Instances starting together on a new schema would race to create it and its tables (a duplicate
 * key in the catalogue): schema creation and migrations run under a session advisory lock, keyed
 * by the schema's name.
 */
const SETUP_LOCK = 721983452;
async function underSetupLock(client, schemaName, fn) {
  await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [SETUP_LOCK, schemaName]);
  try {
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [SETUP_LOCK, schemaName]).catch(() => {});
  }
}

/** A connected client in `schema` (created if missing), or in the URL's default schema. */
async function openClient(url, schema) {
  // A host that never answers fails after 10 s instead of hanging start-up.
  const client = new pg.Client({ connectionString: url, types, application_name: "london-ig-hub", connectionTimeoutMillis: 10_000 });
  const state = { lost: false };
  // The server closed the connection (restart, idle timeout, pg_terminate_backend): the next call reconnects.
  client.on("error", () => (state.lost = true));
  client.on("end", () => (state.lost = true));
  await client.connect();
  try {
    if (schema) {
      await underSetupLock(client, schema, () => client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`));
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    }
    const { rows } = await client.query("SELECT current_schema() AS s");
    return { client, state, schema: rows[0].s };
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
}

/**
 * The client of connection `id`, ready for a statement. A client with an iterate() still open
 * cannot run anything else: node-postgres would queue the statement behind the cursor, which waits
 * for the caller, which waits for the statement — a deadlock; better-sqlite3 refuses the same thing
 * with this message. A client whose server connection was lost is replaced, unless the caller was
 * inside a transaction (`tx`): that transaction is gone, which the caller must learn.
 */
async function usable(id, tx, { discard = false } = {}) {
  const entry = clients.get(id);
  if (!entry) throw new TypeError("The database connection is not open");
  await settle(entry, discard);
  if (entry.cursors > 0) throw new TypeError("This database connection is busy executing a query");
  if (entry.state.lost) {
    if (tx) {
      const err = new Error("the connection to PostgreSQL was lost during a transaction; the transaction was rolled back");
      err.code = "08006";
      throw err;
    }
    await entry.client.end().catch(() => {});
    const fresh = await openClient(entry.url, entry.schemaArg);
    entry.client = fresh.client;
    entry.state = fresh.state;
  }
  return entry;
}

/**
 * Waits for the connection's background statements (copyStart, execStart), if any are running. One
 * that failed outside a savepoint has left the transaction aborted: its error is the answer of the
 * next call (unless that call rolls back, `discard`). A COPY in a savepoint was rolled back to it:
 * its outcome waits for copyWait, and the next call runs as usual.
 */
async function settle(entry, discard) {
  if (entry.background) {
    await entry.background;
    entry.background = null;
  }
  const failure = entry.failure;
  if (failure) {
    entry.failure = null;
    if (!discard) throw failure;
  }
}

/**
 * Queues `job` after the connection's background statements, without waiting for it: the caller
 * goes on while the server works. After a failure outside a savepoint the transaction is aborted:
 * what follows is not sent, and the failure is kept for the next call (see settle).
 */
function inBackground(entry, job) {
  const before = entry.background ?? Promise.resolve();
  entry.background = before.then(async () => {
    if (entry.failure) return;
    try {
      await job(entry.client);
    } catch (err) {
      entry.failure = toError(err).error;
    }
  });
}

/** The connection `id` for a background statement: checked now when nothing runs, else queued after what does. */
async function forBackground(id, tx) {
  const entry = clients.get(id);
  if (!entry) throw new TypeError("The database connection is not open");
  return entry.background ? entry : usable(id, tx);
}

function copyInto(client, text, data) {
  const stream = client.query(copyFrom(text));
  return new Promise((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", () => resolve(stream.rowCount));
    stream.end(data);
  });
}

const ops = {
  async connect({ url, schema }) {
    const { client, state, schema: current } = await openClient(url, schema);
    const id = nextId++;
    clients.set(id, { client, state, url, schemaArg: schema, schema: current, cursors: 0 });
    return { id, schema: current };
  },
  async query({ id, text, params, mode, tx }) {
    const { client } = await usable(id, tx);
    const res = await client.query({ text, values: params, rowMode: mode === "array" ? "array" : undefined });
    const last = Array.isArray(res) ? res[res.length - 1] : res;
    return { rows: last.rows ?? [], rowCount: last.rowCount ?? 0 };
  },
  async exec({ id, text, tx, discard }) {
    const { client } = await usable(id, tx, { discard });
    await client.query(text);
    return {};
  },
  /**
   * `COPY table (columns) FROM STDIN` with `data` in COPY's text format (one row a line, tab
   * between columns, \N for NULL): one round trip for any number of rows. Triggers and constraints
   * apply as for INSERT; an error (a unique or foreign-key violation) fails the whole COPY.
   */
  async copyIn({ id, text, data, tx }) {
    const { client } = await usable(id, tx);
    return { rowCount: await copyInto(client, text, data) };
  },
  /**
   * Starts the same COPY and answers at once, so that the caller prepares its next rows while
   * PostgreSQL ingests these; it runs after the connection's other background statements, and
   * every later call waits for it (statements run in the order they were sent). With `savepoint`,
   * the COPY runs inside that savepoint, released when it succeeds and rolled back to when it
   * fails, and its outcome is kept for copyWait; without, a failure is the answer of the next call.
   */
  async copyStart({ id, text, data, tx, savepoint }) {
    const entry = await forBackground(id, tx);
    if (savepoint) entry.held = null;
    inBackground(entry, async (client) => {
      if (!savepoint) return copyInto(client, text, data);
      try {
        await client.query(`SAVEPOINT ${savepoint}`);
        const rowCount = await copyInto(client, text, data);
        await client.query(`RELEASE SAVEPOINT ${savepoint}`);
        entry.held = { rowCount };
      } catch (err) {
        await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
        entry.held = { failed: toError(err).error };
      }
    });
    return {};
  },
  /** Runs `text` (statements without results) as a background statement, as copyStart does: the caller does not wait. */
  async execStart({ id, text, tx }) {
    const entry = await forBackground(id, tx);
    inBackground(entry, (client) => client.query(text));
    return {};
  },
  /**
   * Waits for the background statements and answers the outcome of the last copyStart with a
   * savepoint: its row count, or its error (rolled back to its savepoint). A background statement
   * that failed outside a savepoint is thrown instead (the transaction is aborted).
   */
  async copyWait({ id }) {
    const entry = clients.get(id);
    if (!entry) throw new TypeError("The database connection is not open");
    await settle(entry, false);
    const held = entry.held;
    entry.held = null;
    if (!held) throw new TypeError("No COPY in a savepoint was started on this connection");
    return held;
  },
  async migrate({ id, folder }) {
    const { client, schema } = await usable(id, false);
    await underSetupLock(client, schema, () => migrate(drizzle({ client }), { migrationsFolder: folder, migrationsSchema: schema, migrationsTable: "__drizzle_migrations" }));
    return {};
  },
  async cursorOpen({ id, text, params, mode, tx }) {
    const entry = await usable(id, tx);
    const cursor = entry.client.query(new Cursor(text, params, { rowMode: mode === "array" ? "array" : undefined, types }));
    const cid = nextId++;
    cursors.set(cid, { cursor, entry });
    entry.cursors++;
    return { cursor: cid };
  },
  async cursorRead({ cursor, n }) {
    const c = cursors.get(cursor);
    if (!c) throw new TypeError("The iterator is closed");
    let rows;
    try {
      rows = await c.cursor.read(n);
    } catch (err) {
      await finishCursor(cursor);
      throw err;
    }
    if (rows.length < n) await finishCursor(cursor);
    return { rows };
  },
  async cursorClose({ cursor }) {
    await finishCursor(cursor);
    return {};
  },
  async close({ id }) {
    const entry = clients.get(id);
    clients.delete(id);
    if (entry?.background) await entry.background;
    for (const [cid, c] of cursors) if (c.entry === entry) cursors.delete(cid);
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
