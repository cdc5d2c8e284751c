import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { digestData, renderDigest } from "../../../server/commands/digest.command.js";
import { E1, E2, fixtureDb } from "../../schema/metrics/metrics.fixture.js";
import { OPEN_ITEMS_FIXTURE } from "../../schema/metrics/open-items.fixture.js";

// The fixture of test/schema/metrics/open-items.test.ts, whose header works out each number: as of
// 6 March 2024, O5's DPIA (since 28 Feb, 5 working days) and F's ISA (since 4 Mar) wait on E2,
// O3's DPIA (since 1 Mar) on E1; 7 comparable DPIAs and 4 ISAs in the default 730 days of history
// (R4's, submitted 10 Jan 2022, is older; 5 with all history) are below the forecast minimum of 20.
// E2's live agreements R2 and R4 are overdue, R1 due within 90 days, R3 not.
const AS_OF = new Date("2024-03-06T12:00:00Z");
const THIN = "only 7 comparable items (at least 20 needed for a forecast)";

let db: HubDb;
beforeAll(() => {
  db = fixtureDb(OPEN_ITEMS_FIXTURE);
});
afterAll(() => db.close());

describe("hub report digest", () => {
  it("CSV: what waits on E2, what E2 waits on, its reviews due", async () => {
    const csv = renderDigest(await digestData(db, E2, AS_OF), "csv");
    expect(csv).toBe(
      [
        "section,initiative_id,title,stage,waiting_on,submitted,age_working_days,state,held_by,p50,p85,p95,forecast_reason,review_due,review_state",
        `waiting_on_organisation,O5,Initiative O5,DPIA,${E2},2024-02-28,5,ON_TRACK,IG,,,,${THIN},,`,
        `waiting_on_organisation,F,Initiative F,ISA,${E2},2024-03-04,2,ON_TRACK,IG,,,,only 4 comparable items (at least 20 needed for a forecast),,`,
        "review_due,R2,Initiative R2,ISA,,,,,,,,,,2023-12-01,OVERDUE",
        "review_due,R4,Initiative R4,ISA,,,,,,,,,,2024-02-06,OVERDUE",
        "review_due,R1,Initiative R1,ISA,,,,,,,,,,2024-03-31,DUE_SOON",
        "",
      ].join("\n"),
    );
    const all = renderDigest(await digestData(db, E2, AS_OF, 0), "csv");
    expect(all).toBe(csv.replace("only 4 comparable items", "only 5 comparable items"));
  });

  it("Markdown: the three sections, 'Nothing.' where empty", async () => {
    const md = renderDigest(await digestData(db, E1, AS_OF), "md");
    expect(md).toBe(
      [
        `# IG digest for ${E1}, 2024-03-06`,
        "",
        `## Waiting on ${E1} (oldest first)`,
        "",
        "| Initiative | Stage | Signer | Submitted | Age (working days) | State | Held by | Done by (50% / 85% / 95%) |",
        "|---|---|---|---|---:|---|---|---|",
        `| O3 Initiative O3 | DPIA | ${E1} | 2024-03-01 | 3 | ON_TRACK | PROJECT_TEAM | no forecast: ${THIN} |`,
        "",
        "## Waiting on others",
        "",
        "Nothing.",
        "",
        "## Reviews due within 90 days or overdue",
        "",
        "Nothing.",
        "",
      ].join("\n"),
    );
  });
});
