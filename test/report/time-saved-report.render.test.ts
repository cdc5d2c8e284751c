import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { TimeSavedReportData } from "../../report/time-saved-report.model.js";
import { fmtDays, headline, humanDate, humanInstant, perInitiativeHeadline, renderCsv, renderHtml, renderMarkdown } from "../../report/time-saved-report.render.js";

/** A hand-made report: DPIA supports a number, ISA has too few approved cohort stages. */
function fixture(overrides: Partial<TimeSavedReportData> = {}): TimeSavedReportData {
  return {
    cohort: {
      label: "tool=isg",
      name: "Information Sharing Gateway (ISG)",
      stages: [
        { stage: "DPIA", count: 15, approvedCount: 12, openCount: 2, rejectedCount: 1, withdrawnCount: 0 },
        { stage: "ISA", count: 6, approvedCount: 4, openCount: 1, rejectedCount: 0, withdrawnCount: 1 },
      ],
    },
    baseline: {
      label: "tool=manual",
      name: "Manual (email and documents)",
      stages: [
        { stage: "DPIA", count: 30, approvedCount: 25, openCount: 3, rejectedCount: 1, withdrawnCount: 1 },
        { stage: "ISA", count: 20, approvedCount: 18, openCount: 2, rejectedCount: 0, withdrawnCount: 0 },
      ],
    },
    from: "2023-01-01",
    to: "2024-12-31",
    asOf: "2025-01-31T00:00:00.000Z",
    generatedAt: "2025-02-01T10:00:00.000Z",
    dataset: { kind: "demo", synthetic: true },
    scope: { initiatives: 1234, boroughs: 12, organisations: 30, cohortInitiativesCounted: 12, firstSubmittedAt: "2023-01-03T09:00:00.000Z", lastEventAt: "2025-01-30T16:00:00.000Z" },
    minApproved: 10,
    resamples: 2000,
    seed: 1,
    stages: [
      {
        stage: "DPIA",
        cohortApproved: 12,
        baselineApproved: 25,
        cohortMedian: 20,
        baselineMedian: 32.5,
        savedPerStage: 12.5,
        savedPerStageLow: 4,
        savedPerStageHigh: 19.25,
        saved: 150,
        savedLow: 48,
        savedHigh: 231,
        reason: null,
      },
      {
        stage: "ISA",
        cohortApproved: 4,
        baselineApproved: 18,
        cohortMedian: 11,
        baselineMedian: 14,
        savedPerStage: null,
        savedPerStageLow: null,
        savedPerStageHigh: null,
        saved: null,
        savedLow: null,
        savedHigh: null,
        reason: "too few approved ISA stages to support a claim: the cohort has 4 (at least 10 needed on each side)",
      },
    ],
    total: 150,
    totalLow: 48,
    totalHigh: 231,
    stagesCounted: 1,
    reason: null,
    ...overrides,
  };
}

describe("time-saved report rendering", () => {
  it("states the total with its interval, or why there is none", () => {
    expect(headline(fixture())).toBe(
      "Information Sharing Gateway (ISG) saved 150 working days (95% interval 48 to 231) against Manual (email and documents), over 1 stage with enough data.",
    );
    expect(headline(fixture({ total: null, totalLow: null, totalHigh: null, stagesCounted: 0, reason: "no stage has enough approved stages on both sides to support a claim" }))).toBe(
      "No time-saved figure for Information Sharing Gateway (ISG) against Manual (email and documents): no stage has enough approved stages on both sides to support a claim.",
    );
    // Below 100 the headline keeps one decimal; thousands get a separator.
    expect(headline(fixture({ total: 12.25, totalLow: 3, totalHigh: 20.5 }))).toMatch(/ saved 12\.3 working days \(95% interval 3\.0 to 20\.5\) /);
    expect(headline(fixture({ total: 7133.075000000001, totalLow: 5999.6, totalHigh: 8123.4 }))).toMatch(/ saved 7,133 working days \(95% interval 6,000 to 8,123\) /);
    // Per initiative: 150 / 12 cohort initiatives = 12.5, interval 48/12 = 4 to 231/12 = 19.25.
    expect(perInitiativeHeadline(fixture())).toBe(
      "That is 12.5 working days saved per initiative (95% interval 4.0 to 19.3), over the 12 initiatives of the cohort with an approved stage counted.",
    );
    expect(perInitiativeHeadline(fixture({ total: null, totalLow: null, totalHigh: null }))).toBeNull();
  });

  it("formats days to one decimal without a negative zero", () => {
    expect([fmtDays(12.25), fmtDays(-0.01), fmtDays(null), fmtDays(3), fmtDays(7133.075000000001)]).toEqual(["12.3", "0.0", "—", "3.0", "7,133.1"]);
  });

  it("writes dates as people read them, in London", () => {
    expect(humanDate("2026-12-06")).toBe("6 December 2026");
    // 23:30 UTC in summer is already the next day in London.
    expect(humanInstant("2026-06-30T23:30:00.000Z")).toBe("1 July 2026, 00:30 London time");
    expect(humanInstant("2025-01-31T00:00:00.000Z")).toBe("31 January 2025, 00:00 London time");
  });

  it("writes Markdown with the per-stage table, the counts left out and the method", () => {
    const md = renderMarkdown(fixture());
    expect(md).toContain("# Time saved: Information Sharing Gateway (ISG) against Manual (email and documents)\n");
    expect(md).toContain("**That is 12.5 working days saved per initiative");
    expect(md).toContain(
      "Stages submitted from 1 January 2023 to 31 December 2024; the data runs from 3 January 2023 (first submission) to 30 January 2025 (last event). Open stages were counted as they stood at 31 January 2025, 00:00 London time.",
    );
    expect(md).toContain(
      "Data: the hub's SYNTHETIC demo data set (generated, not real); 1,234 initiatives on the two sides together, involving 12 boroughs and 30 partner organisations; last event 30 January 2025.",
    );
    expect(md).toContain("Made 1 February 2025, 10:00 London time by the London IG Hub.");
    expect(md).not.toMatch(/\bwd\b|tool=isg against|T\d\d:\d\d/);
    expect(md.endsWith("interval.\n") || md.endsWith("caused it.\n")).toBe(true);
    expect(md).toContain("> **SYNTHETIC DATA:");
    expect(md).toContain("| DPIA | 12 | 25 | 20.0 | 32.5 | 12.5 | 4.0 to 19.3 | 150.0 | 48.0 to 231.0 |  |");
    expect(md).toContain("| ISA | 4 | 18 | 11.0 | 14.0 | — | — | no number | — | too few approved ISA stages to support a claim: the cohort has 4 (at least 10 needed on each side) |");
    expect(md).toContain("| **Total** |  |  |  |  |  |  | **150.0** | 48.0 to 231.0 | 1 stage(s) counted |");
    // What was left out, with the counts summed over stages: open 3 and 5, rejected 1 and 1, withdrawn 1 and 1.
    expect(md).toContain("(3 in the cohort, 5 in the baseline) are censored");
    expect(md).toContain("rejected (1 and 1) or withdrawn (1 and 1)");
    expect(md).toContain("fewer than 10 approved stages gets no number");
    expect(md).toContain("(here: ISA).");
    expect(md).toContain("submitted from 1 January 2023 to 31 December 2024");
  });

  it("does not label real data as synthetic", () => {
    const md = renderMarkdown(fixture({ dataset: { kind: "imported", synthetic: false } }));
    expect(md).not.toContain("SYNTHETIC");
  });

  it("writes CSV with exact numbers to 3 decimals, empty cells where there is no number, a TOTAL row and a final newline", () => {
    const csv = renderCsv(fixture({ total: 150.00000000000003, totalLow: 47.99999999999999, totalHigh: 231 }));
    const scope = "2023-01-01,2024-12-31,2025-01-31T00:00:00.000Z,synthetic demo,1234,12,30,2023-01-03T09:00:00.000Z,2025-01-30T16:00:00.000Z";
    expect(csv.split("\n")).toEqual([
      "stage,cohort,baseline,cohort_name,baseline_name,cohort_approved,baseline_approved,cohort_median_wd,baseline_median_wd,saved_per_stage_wd,saved_per_stage_low_wd,saved_per_stage_high_wd,time_saved_wd,time_saved_low_wd,time_saved_high_wd,cohort_open,cohort_rejected,cohort_withdrawn,baseline_open,baseline_rejected,baseline_withdrawn,cohort_initiatives_counted,time_saved_per_initiative_wd,time_saved_per_initiative_low_wd,time_saved_per_initiative_high_wd,submitted_from,submitted_to,as_of,dataset,initiatives,boroughs,organisations,first_submitted_at,last_event_at,note",
      `DPIA,tool=isg,tool=manual,Information Sharing Gateway (ISG),Manual (email and documents),12,25,20,32.5,12.5,4,19.25,150,48,231,2,1,0,3,1,1,,,,,${scope},`,
      `ISA,tool=isg,tool=manual,Information Sharing Gateway (ISG),Manual (email and documents),4,18,11,14,,,,,,,1,0,1,2,0,0,,,,,${scope},too few approved ISA stages to support a claim: the cohort has 4 (at least 10 needed on each side)`,
      // Per initiative: 150/12 = 12.5, 48/12 = 4, 231/12 = 19.25.
      `TOTAL,tool=isg,tool=manual,Information Sharing Gateway (ISG),Manual (email and documents),16,43,,,,,,150,48,231,3,1,1,5,1,1,12,12.5,4,19.25,${scope},1 stage(s) counted`,
      "",
    ]);
    const rows = parse(renderCsv(fixture({ total: 7133.075000000001, totalLow: 1.23456, totalHigh: 9000 })), { columns: true }) as Record<string, string>[];
    expect([rows[2]!.time_saved_wd, rows[2]!.time_saved_low_wd]).toEqual(["7133.075", "1.235"]);
  });

  it("writes a self-contained HTML page with inline SVG charts and no external assets", () => {
    const html = renderHtml(fixture());
    expect(html).toContain('<p class="synthetic" role="note">SYNTHETIC DATA:');
    // Time saved per stage, the total on its own axis, and the medians.
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("@media print");
    expect(html).toContain('<td class="nowrap">4.0 to 19.3</td>');
    expect(html).toContain('<p class="per-initiative">That is 12.5 working days saved per initiative');
    expect(html).toContain("<title>Time saved: Information Sharing Gateway (ISG) against Manual (email and documents)</title>");
    expect(html).toContain("no number: too few approved ISA stages");
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^"'\s)]+/g)).toEqual(["http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg"]);
  });
});
