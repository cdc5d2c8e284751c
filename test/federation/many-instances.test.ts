import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/connection.js";
import { createApiKey } from "../../db/keys.js";
import { ISLINGTON, fixtureDbFile } from "./hub.fixture.js";
import { startHubProcess, type HubProcess } from "./hub.process.js";
import { gql } from "./subgraph.helpers.js";
import { onPostgres } from "../db-target.js";

/*
 * Two `hub serve` processes over the same database: the same SQLite file, or on the PostgreSQL pass
 * the same DATABASE_URL (same ?schema=). fed-1's DPIA: 5 working days, approved.
 * fed-2's DPIA: submitted Mon 4 March 2024, open; censored at asOf Fri 15 March = 9 working days.
 * Kaplan-Meier over {5 approved, 9 censored}: S(5) = 1/2, so its median is 5.
 * The write approves fed-2's DPIA on Thu 7 March: 3 working days (5, 6, 7 March); then
 * median = mean = (3 + 5) / 2 = 4 and S(3) = 1/2 makes the Kaplan-Meier median 3.
 */
const AS_OF = "2024-03-15T12:00:00Z";
const CYCLE_TIMES = `query($asOf: DateTime) { cycleTimes(asOf: $asOf) { stage count approvedCount openCount median mean kaplanMeierMedian } }`;
const EVENTS = `{ initiative(id: "fed-2") { events { edges { node { stage kind at } } } } }`;

let file: { path: string; remove: () => void };
let a: HubProcess;
let b: HubProcess;
let editorKey: string;

beforeAll(async () => {
  file = fixtureDbFile();
  const db = openDb(file.path);
  try {
    editorKey = createApiKey(db, { name: "Islington IG", role: "editor", boroughs: [ISLINGTON] }).secret;
  } finally {
    db.close();
  }
  [a, b] = await Promise.all([startHubProcess(file.path), startHubProcess(file.path)]);
  // Two processes compiling the TypeScript sources at once can be slow on a busy CI machine.
}, 150_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  file?.remove();
});

describe("several hub instances over one database", () => {
  it("run on different ports, over the same database (PostgreSQL on the PostgreSQL pass)", () => {
    expect(a.url).not.toBe(b.url);
    expect(a.database.dialect).toBe(onPostgres ? "postgres" : "sqlite");
    expect(b.database).toEqual(a.database);
    if (onPostgres) expect(a.database.db).toMatch(/^postgres:\/\/.*\?schema=f_[0-9a-f]+$/);
    else expect(a.database.db).toBe(file.path);
  });

  it("see a write made through another instance at once, analytics included", async () => {
    // Warm both instances' caches (the columnar cycle cache, loaders, documents) before the write.
    for (const hub of [a, b]) {
      expect((await gql(hub.url, CYCLE_TIMES, { asOf: AS_OF })).body).toEqual({
        data: { cycleTimes: [{ stage: "DPIA", count: 2, approvedCount: 1, openCount: 1, median: 5, mean: 5, kaplanMeierMedian: 5 }] },
      });
    }

    // The write, through instance A's API: Islington (fed-2's only borough) approves the DPIA.
    const write = await gql(
      a.url,
      `mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { stage kind at } }`,
      { input: { initiativeId: "fed-2", stage: "DPIA", borough: ISLINGTON, kind: "APPROVED", at: "2024-03-07T09:00:00Z", source: "test", sourceRef: "fed-2-2" } },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(write.body).toEqual({ data: { recordStageEvent: { stage: "DPIA", kind: "APPROVED", at: "2024-03-07T09:00:00.000Z" } } });

    // Read at once through B (no waiting, no restart): the event and the new numbers.
    expect((await gql(b.url, EVENTS)).body).toEqual({
      data: {
        initiative: {
          events: {
            edges: [
              { node: { stage: "DPIA", kind: "SUBMITTED", at: "2024-03-04T09:00:00.000Z" } },
              { node: { stage: "DPIA", kind: "APPROVED", at: "2024-03-07T09:00:00.000Z" } },
            ],
          },
        },
      },
    });
    for (const hub of [b, a]) {
      expect((await gql(hub.url, CYCLE_TIMES, { asOf: AS_OF })).body).toEqual({
        data: { cycleTimes: [{ stage: "DPIA", count: 2, approvedCount: 2, openCount: 0, median: 4, mean: 4, kaplanMeierMedian: 3 }] },
      });
    }
  });
});
