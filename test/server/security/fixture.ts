import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { createApiKey } from "../../../db/keys.js";
import { loadConfig, type HubConfig } from "../../../server/config.js";
import { createHub, type Hub, type HubOptions } from "../../../server/app.js";

export const CAMDEN = "E09000007";
export const HACKNEY = "E09000012";

/** A small hub for security tests: reference data, one Camden contact, one Hackney initiative, a key per role. */
export async function securityHub(overrides: Partial<HubConfig> = {}, options: Partial<HubOptions> = {}) {
  const db: HubDb = openDb(":memory:");
  loadReferenceData(db);
  db.sql.prepare("INSERT INTO ig_contacts (authority_code, role, name, email) VALUES (?, 'DPO', 'Ada Camden', 'ada@camden.example')").run(CAMDEN);
  db.sql
    .prepare("INSERT INTO initiatives (id, title, lead_borough, tool_slug, process_slug, status, created_at, recorded_at, recorded_by) VALUES ('i-1', 'Shared care', ?, 'manual', 'loti-2019', 'ACTIVE', '2024-01-01', 0, 'test')")
    .run(HACKNEY);
  db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('i-1', ?, 'LEAD')").run(HACKNEY);
  const keys = {
    viewer: createApiKey(db, { name: "viewer", role: "viewer" }),
    camden: createApiKey(db, { name: "Camden IG", role: "editor", boroughs: [CAMDEN] }),
    hackney: createApiKey(db, { name: "Hackney IG", role: "editor", boroughs: [HACKNEY] }),
    admin: createApiKey(db, { name: "ops", role: "admin" }),
  };
  const config = loadConfig({}, { port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent", seedDemo: false, ...overrides });
  const hub: Hub = await createHub({ config, db, ...options });
  const close = async () => {
    await hub.close();
    db.close();
  };
  return { hub, db, keys, close };
}

export interface GqlAnswer {
  status: number;
  headers: Headers;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/**
 * Headers that give a test request a connection of its own. The hubs under test run in the test's
 * thread, which every synchronous PostgreSQL call blocks; after a block longer than the server's
 * keep-alive timeout (5 s, e.g. while another test hub migrates its schema on a busy machine) the
 * server closes a pooled idle connection just as fetch reuses it, and the request fails with
 * ECONNRESET. A client in another process is not blocked with the server, so this is the tests'
 * artefact, not the hub's.
 */
export const OWN_CONNECTION = { connection: "close" } as const;

/** POSTs a GraphQL request (JSON) on a connection of its own (see OWN_CONNECTION) and parses the answer. */
export async function gql(url: string, query: string, opts: { key?: string; variables?: unknown; headers?: Record<string, string> } = {}): Promise<GqlAnswer> {
  const res = await fetch(url, {
    method: "POST",
    headers: { ...OWN_CONNECTION, "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), ...opts.headers },
    body: JSON.stringify({ query, variables: opts.variables }),
  });
  return { status: res.status, headers: res.headers, json: JSON.parse(await res.text()) };
}
