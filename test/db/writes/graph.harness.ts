import { afterAll, beforeAll } from "vitest";
import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { createHub, type Hub } from "../../../server/app.js";
import { loadConfig } from "../../../server/config.js";
import type { Viewer } from "../../../schema/context.js";

/**
 * The write tests' harness: one hub process on a fresh in-memory database with the reference data,
 * whose every request runs as the viewer `gql` is given (admin unless said), so that each test reads
 * its writes back through the same process, as a client would.
 */

export const ADMIN: Viewer = { role: "admin", keyId: "key-admin", boroughs: [] };

export type Answer = { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, unknown> }[] };

export interface GraphHarness {
  /** POSTs one GraphQL request as `as`. */
  gql(query: string, variables?: Record<string, unknown>, as?: Viewer): Promise<Answer>;
  /** The hub's database (open between the suite's beforeAll and afterAll). */
  readonly db: HubDb;
}

/** Registers the suite's beforeAll/afterAll that start and stop the hub; call at the top of a test file. */
export function useGraphHarness(): GraphHarness {
  const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };
  let db: HubDb | undefined;
  let hub: Hub | undefined;
  let viewer: Viewer = ADMIN;
  beforeAll(async () => {
    db = openDb(":memory:");
    loadReferenceData(db);
    hub = await createHub({ config, db, resolveViewer: async () => viewer });
  });
  afterAll(async () => {
    await hub?.close();
    db?.close();
  });
  return {
    async gql(query, variables = {}, as = ADMIN) {
      viewer = as;
      const res = await fetch(hub!.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as Answer;
    },
    get db() {
      return db!;
    },
  };
}
