import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { buildHubSchema } from "../../../schema/index.js";
import { E1, E2, fixtureDb } from "./metrics.fixture.js";
import { OPEN_ITEMS_FIXTURE } from "./open-items.fixture.js";

// The fixture of open-items.test.ts (its header works out each number), as of 6 March 2024 12:00.
const AS_OF = "2024-03-06T12:00:00Z";

let schema: GraphQLSchema;
let db: HubDb;
beforeAll(async () => {
  schema = await buildHubSchema();
  db = fixtureDb(OPEN_ITEMS_FIXTURE);
});
afterAll(() => db.close());

const run = (source: string) => graphql({ schema, source, contextValue: { db, viewer: { role: "viewer", keyId: "test", boroughs: [] } } });

describe("digest(organisation, asOf) through the graph", () => {
  it("gives the digest's sections as data", async () => {
    const r = await run(`{ digest(organisation: "${E2}", asOf: "${AS_OF}") {
      organisation asOf historyDays synthetic
      waitingOnIt { initiativeId stage organisation pendingSigners ageWorkingDays state heldBy forecast { p50 basis { items } reasonCode } }
      waitingOnOthers { initiativeId }
      reviewsDue { initiativeId reviewDue state daysUntilDue } } }`);
    expect(r.errors).toBeUndefined();
    expect(JSON.parse(JSON.stringify(r.data))).toEqual({
      digest: {
        organisation: E2,
        asOf: "2024-03-06T12:00:00.000Z",
        historyDays: 730,
        synthetic: false,
        waitingOnIt: [
          { initiativeId: "O5", stage: "DPIA", organisation: E2, pendingSigners: [E2], ageWorkingDays: 5, state: "ON_TRACK", heldBy: "IG", forecast: { p50: null, basis: { items: 7 }, reasonCode: "THIN_HISTORY" } },
          { initiativeId: "F", stage: "ISA", organisation: E2, pendingSigners: [E2], ageWorkingDays: 2, state: "ON_TRACK", heldBy: "IG", forecast: { p50: null, basis: { items: 4 }, reasonCode: "THIN_HISTORY" } },
        ],
        waitingOnOthers: [],
        reviewsDue: [
          { initiativeId: "R2", reviewDue: "2023-12-01T00:00:00.000Z", state: "OVERDUE", daysUntilDue: -96 },
          { initiativeId: "R4", reviewDue: "2024-02-06T00:00:00.000Z", state: "OVERDUE", daysUntilDue: -29 },
          { initiativeId: "R1", reviewDue: "2024-03-31T00:00:00.000Z", state: "DUE_SOON", daysUntilDue: 25 },
        ],
      },
    });
    const e1 = await run(`{ digest(organisation: "${E1}", asOf: "${AS_OF}", historyDays: 0) { historyDays waitingOnIt { initiativeId heldBy } reviewsDue { initiativeId } } }`);
    expect(e1.data).toEqual({ digest: { historyDays: 0, waitingOnIt: [{ initiativeId: "O3", heldBy: "PROJECT_TEAM" }], reviewsDue: [] } });
  });

  it("refuses an unknown organisation and a bad history window (BAD_USER_INPUT naming the argument)", async () => {
    const errs = async (source: string) => (await run(source)).errors?.map((e) => [e.message.split(";")[0], e.extensions?.code, e.extensions?.argument]);
    expect(await errs(`{ digest(organisation: "E0999", asOf: "${AS_OF}") { organisation } }`)).toEqual([['organisation: unknown borough (GSS code) "E0999"', "BAD_USER_INPUT", "organisation"]]);
    expect(await errs(`{ digest(organisation: "${E1}", historyDays: -5) { organisation } }`)).toEqual([
      ["historyDays: expected a whole number of days from 0 (all history) to 36525, got -5", "BAD_USER_INPUT", "historyDays"],
    ]);
  });
});
