import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { renderDigest } from "../../../report/digest.render.js";
import { digestData } from "../../../schema/metrics/digest.service.js";
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

describe("hub report digest --format html", () => {
  it("a self-contained page: viewport, print styles, no external asset, dates as <time>, the three sections as tables", async () => {
    const d = await digestData(db, E2, AS_OF);
    const html = renderDigest(d, "html");
    expect(html.startsWith("<!doctype html>\n<html lang=\"en-GB\">")).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("@media print {");
    expect(html).not.toMatch(/(src|href)=|https?:|@import|url\(/);
    expect(html).not.toContain("SYNTHETIC");
    expect(html).toContain(`<h1>IG digest for ${E2}, <time datetime="2024-03-06">6 March 2024</time></h1>`);
    expect(html).toContain("As of 6 March 2024, 12:00 London time.");
    expect(html).toContain("from the stages submitted in the 730 days before it");
    // The rows, whole: O5 and F wait on E2 (no forecast: thin history); R2, R4 overdue, R1 due soon.
    const rows = [...html.matchAll(/<tr><th scope="row">.*<\/tr>/g)].map((m) => m[0]);
    const wait = (id: string, stage: string, submitted: string, human: string, age: number, n: number) =>
      `<tr><th scope="row">${id}<br><span class="title">Initiative ${id}</span></th><td>${stage}</td><td>${E2}</td><td><time datetime="${submitted}">${human}</time></td><td>${age}</td>` +
      `<td><span class="state on-track">On track</span></td><td>IG (DPOs)</td><td><span class="reason">No forecast: only ${n} comparable items (at least 20 needed for a forecast)</span></td><td></td><td></td></tr>`;
    const review = (id: string, approved: string, approvedHuman: string, due: string, dueHuman: string, days: number, st: string, word: string) =>
      `<tr><th scope="row">${id}<br><span class="title">Initiative ${id}</span></th><td><time datetime="${approved}">${approvedHuman}</time></td><td><time datetime="${due}">${dueHuman}</time></td>` +
      `<td>ISA approval + 12 months</td><td>${days}</td><td><span class="state ${st}">${word}</span></td></tr>`;
    expect(rows).toEqual([
      wait("O5", "DPIA", "2024-02-28", "28 February 2024", 5, 7),
      wait("F", "ISA", "2024-03-04", "4 March 2024", 2, 4),
      review("R2", "2022-12-01", "1 December 2022", "2023-12-01", "1 December 2023", -96, "overdue", "Overdue"),
      review("R4", "2022-01-13", "13 January 2022", "2024-02-06", "6 February 2024", -29, "overdue", "Overdue"),
      review("R1", "2023-03-31", "31 March 2023", "2024-03-31", "31 March 2024", 25, "due-soon", "Due soon"),
    ]);
    expect(html).toContain("<h2>Waiting on others</h2>\n<p>Nothing.</p>");
  });

  it("says SYNTHETIC DATA when the data is synthetic (HTML and Markdown)", async () => {
    const d = { ...(await digestData(db, E1, AS_OF)), dataset: { kind: "demo", synthetic: true } };
    expect(renderDigest(d, "html")).toContain(`<p class="synthetic" role="note">SYNTHETIC DATA: this digest was made from the hub's synthetic demo data set.`);
    expect(renderDigest(d, "md").split("\n").slice(0, 4)).toEqual([
      `# IG digest for ${E1}, 2024-03-06`,
      "",
      "> SYNTHETIC DATA: made from the hub's synthetic demo data set; it says nothing about any real borough, tool or initiative.",
      "",
    ]);
  });
});
