import { openDb, type HubDb } from "../../db/connection.js";
import { prepareDatabase } from "../../db/prepare.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import type { Viewer } from "../../schema/context.js";

/**
 * A small hand-written world for the sign-off heat map (issue 13, points 2 and 3): partners that
 * sign, DPO reviews, a partner that does not sign. Invented (synthetic) data, written through the
 * hub's own GraphQL mutations; every instant at 10:00 UTC on day n after 1 March 2024.
 *
 *   P1 (Camden E09000007, Hackney E09000012, met-police): ISA submitted day 0; Camden reviewed day 3,
 *      approves day 10; Hackney approves day 12; the police reviewed day 20, approve day 30.
 *   P2 (Camden, nhs-nel, gla not signing): DPIA submitted day 0; nhs-nel reviewed day 2, approves
 *      day 9; Camden approves day 4. ISA submitted day 10: nhs-nel approves day 15, Camden day 35.
 *   P3 (Hackney, met-police, nhs-nel): ISA submitted day 50; Hackney approves day 52; the police
 *      reviewed day 55, approve day 60; nhs-nel approves day 70 (no review).
 *
 * Worked out by hand, in calendar days (median of two = their mean):
 *   DPIA  Camden 4; nhs-nel 9, reviewed 1: 2 to the review, 7 from it.
 *   ISA   Camden 10 and 25 → 17.5, reviewed 1 (P1): 3 / 7; Hackney 12 and 2 → 7, none reviewed;
 *         met-police 30 and 10 → 20, reviewed 2: (20, 5) → 12.5 / (10, 5) → 7.5; nhs-nel 5 and 20 → 12.5, none.
 *   Last to sign: P1 ISA met-police, P2 DPIA nhs-nel, P2 ISA Camden, P3 ISA nhs-nel.
 *   gla signs nothing and is no signer. Slowest first (largest median): met-police 20, Camden 17.5,
 *   nhs-nel 12.5, Hackney 7.
 */
export const SIGN_OFF_WORLD_EXPECTED_CALENDAR = [
  ["Metropolitan Police Service (synthetic) Partner", "—", "20 review 12.5 / sign-off 7.5", "1"],
  ["Camden", "4", "17.5 review 3 / sign-off 7", "1"],
  ["NHS North East London (synthetic) Partner", "9 review 2 / sign-off 7", "12.5", "2"],
  ["Hackney", "—", "7", "0"],
];

const ADMIN: Viewer = { role: "admin", keyId: "key-admin", boroughs: [] };
const CAMDEN = "E09000007";
const HACKNEY = "E09000012";

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();

export interface SignOffWorld {
  db: HubDb;
  hub: Hub;
  close(): Promise<void>;
}

/** Starts a hub on 127.0.0.1 (anonymous reading, every request as admin) holding the world above. */
export async function signOffWorld(): Promise<SignOffWorld> {
  const db = openDb(":memory:");
  prepareDatabase(db, { seedDemo: false });
  // The organisations list names the partners (as a register would); synthetic, and labelled so.
  const org = db.sql.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES (?, ?, ?, 1)");
  org.run("met-police", "Metropolitan Police Service (synthetic)", "POLICE");
  org.run("nhs-nel", "NHS North East London (synthetic)", "NHS_TRUST");
  org.run("gla", "Greater London Authority (synthetic)", "GLA");
  const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };
  const hub = await createHub({ config, db, resolveViewer: async () => ADMIN });

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(`the world could not be written: ${body.errors.map((e) => e.message).join("; ")}`);
  };
  const initiative = (id: string, tool: string, boroughs: string[], partners: string[], nonSigning: string[] = []) =>
    gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, {
      input: { id, title: `Synthetic sign-off test ${id}`, leadBorough: boroughs[0], boroughs, partners, nonSigning, tool, createdAt: "2024-03-01" },
    });
  const event = (initiativeId: string, stage: string, kind: string, n: number, organisation?: string) =>
    gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`, {
      input: { initiativeId, stage, kind, at: day(n), ...(organisation ? { organisation } : {}) },
    });

  await initiative("P1", "manual", [CAMDEN, HACKNEY], ["met-police"]);
  await event("P1", "ISA", "SUBMITTED", 0);
  await event("P1", "ISA", "DPO_REVIEWED", 3, CAMDEN);
  await event("P1", "ISA", "APPROVED", 10, CAMDEN);
  await event("P1", "ISA", "APPROVED", 12, HACKNEY);
  await event("P1", "ISA", "DPO_REVIEWED", 20, "met-police");
  await event("P1", "ISA", "APPROVED", 30, "met-police");

  await initiative("P2", "isg", [CAMDEN], ["nhs-nel", "gla"], ["gla"]);
  await event("P2", "DPIA", "SUBMITTED", 0);
  await event("P2", "DPIA", "DPO_REVIEWED", 2, "nhs-nel");
  await event("P2", "DPIA", "APPROVED", 4, CAMDEN);
  await event("P2", "DPIA", "APPROVED", 9, "nhs-nel");
  await event("P2", "ISA", "SUBMITTED", 10);
  await event("P2", "ISA", "APPROVED", 15, "nhs-nel");
  await event("P2", "ISA", "APPROVED", 35, CAMDEN);

  await initiative("P3", "manual", [HACKNEY], ["met-police", "nhs-nel"]);
  await event("P3", "ISA", "SUBMITTED", 50);
  await event("P3", "ISA", "APPROVED", 52, HACKNEY);
  await event("P3", "ISA", "DPO_REVIEWED", 55, "met-police");
  await event("P3", "ISA", "APPROVED", 60, "met-police");
  await event("P3", "ISA", "APPROVED", 70, "nhs-nel");

  return {
    db,
    hub,
    async close() {
      await hub.close();
      db.close();
    },
  };
}
