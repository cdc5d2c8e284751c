import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { exportAgreementsCsv } from "../../../db/export/agreements.export.js";
import { E2, fixtureDb } from "../../schema/metrics/metrics.fixture.js";
import { OPEN_ITEMS_FIXTURE } from "../../schema/metrics/open-items.fixture.js";

let db: HubDb;
beforeAll(() => {
  db = fixtureDb(OPEN_ITEMS_FIXTURE);
});
afterAll(() => db.close());

async function exported(filter: Parameters<typeof exportAgreementsCsv>[1]): Promise<string[][]> {
  let text = "";
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  await exportAgreementsCsv(db, filter, out);
  // days_until_due (column 8) counts from now: left out.
  return text.trimEnd().split("\n").map((line) => line.split(",").filter((_, i) => i !== 7));
}

describe("agreements.csv", () => {
  it("lists the register as of now by due date (every review of the fixture is past due by now)", async () => {
    expect(await exported({})).toEqual([
      ["initiative_id", "title", "tool", "boroughs", "isa_approved_at", "review_due", "review_due_source", "review_state"],
      ["R2", "Initiative R2", "manual", E2, "2022-12-01T10:00:00.000Z", "2023-12-01", "INTERVAL", "OVERDUE"],
      ["R4", "Initiative R4", "manual", E2, "2022-01-13T10:00:00.000Z", "2024-02-06", "INTERVAL", "OVERDUE"],
      ["R1", "Initiative R1", "manual", E2, "2023-03-31T10:00:00.000Z", "2024-03-31", "INTERVAL", "OVERDUE"],
      ["R3", "Initiative R3", "manual", E2, "2024-01-15T10:00:00.000Z", "2024-09-30", "RECORDED", "OVERDUE"],
    ]);
  });

  it("applies boroughs and tools; a value the data does not know matches nothing", async () => {
    expect(await exported({ tools: ["isg"] })).toHaveLength(1);
    expect(await exported({ boroughs: ["E09000099"] })).toHaveLength(1);
    expect((await exported({ boroughs: [E2, "E09000099"] })).length).toBe(5);
  });
});
