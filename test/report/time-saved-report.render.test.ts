import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { TimeSavedReportData } from "../../report/time-saved-report.model.js";
import { fmtDays, headline, renderCsv, renderHtml, renderMarkdown } from "../../report/time-saved-report.render.js";

/** A hand-made report: DPIA supports a number, ISA has too few approved cohort stages. */
function fixture(overrides: Partial<TimeSavedReportData> = {}): TimeSavedReportData {
  return {
    cohort: {
      label: "tool=isg",
      stages: [
        { stage: "DPIA", count: 15, approvedCount: 12, openCount: 2, rejectedCount: 1, withdrawnCount: 0 },
        { stage: "ISA", count: 6, approvedCount: 4, openCount: 1, rejectedCount: 0, withdrawnCount: 1 },
      ],
    },
    baseline: {
      label: "tool=manual",
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
      "tool=isg saved 150.0 working days against tool=manual (95% interval 48.0 to 231.0 working days of time saved), over 1 stage with enough data.",
    );
    expect(headline(fixture({ total: null, totalLow: null, totalHigh: null, stagesCounted: 0, reason: "no stage has enough approved stages on both sides to support a claim" }))).toBe(
      "No time-saved figure for tool=isg against tool=manual: no stage has enough approved stages on both sides to support a claim.",
    );
  });

  it("formats days to one decimal without a negative zero", () => {
    expect([fmtDays(12.25), fmtDays(-0.01), fmtDays(null), fmtDays(3)]).toEqual(["12.3", "0.0", "—", "3.0"]);
  });

  it("writes Markdown with the per-stage table, the counts left out and the method", () => {
    const md = renderMarkdown(fixture());
    expect(md).toContain("# Time saved: tool=isg against tool=manual");
    expect(md).toContain("> **SYNTHETIC DATA:");
    expect(md).toContain("| DPIA | 12 | 25 | 20.0 | 32.5 | 12.5 | 4.0 to 19.3 | 150.0 | 48.0 to 231.0 |  |");
    expect(md).toContain("| ISA | 4 | 18 | 11.0 | 14.0 | — | — | no number | — | too few approved ISA stages to support a claim: the cohort has 4 (at least 10 needed on each side) |");
    expect(md).toContain("| **Total** |  |  |  |  |  |  | **150.0** | 48.0 to 231.0 | 1 stage(s) counted |");
    // What was left out, with the counts summed over stages: open 3 and 5, rejected 1 and 1, withdrawn 1 and 1.
    expect(md).toContain("(3 in the cohort, 5 in the baseline) are censored");
    expect(md).toContain("rejected (1 and 1) or withdrawn (1 and 1)");
    expect(md).toContain("fewer than 10 approved stages gets no number");
    expect(md).toContain("(here: ISA).");
    expect(md).toContain("submitted from 2023-01-01 to 2024-12-31");
  });

  it("does not label real data as synthetic", () => {
    const md = renderMarkdown(fixture({ dataset: { kind: "imported", synthetic: false } }));
    expect(md).not.toContain("SYNTHETIC");
  });

  it("writes CSV with unrounded numbers, empty cells where there is no number, and a TOTAL row", () => {
    const rows = parse(renderCsv(fixture()), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.stage)).toEqual(["DPIA", "ISA", "TOTAL"]);
    expect(rows[0]).toMatchObject({
      cohort: "tool=isg",
      baseline: "tool=manual",
      cohort_approved: "12",
      baseline_approved: "25",
      cohort_median_wd: "20",
      baseline_median_wd: "32.5",
      saved_per_stage_wd: "12.5",
      saved_per_stage_low_wd: "4",
      saved_per_stage_high_wd: "19.25",
      time_saved_wd: "150",
      time_saved_low_wd: "48",
      time_saved_high_wd: "231",
      cohort_open: "2",
      baseline_withdrawn: "1",
      dataset: "synthetic demo",
      note: "",
    });
    expect(rows[1]).toMatchObject({ time_saved_wd: "", saved_per_stage_wd: "", note: expect.stringContaining("too few approved ISA stages") });
    expect(rows[2]).toMatchObject({ cohort_approved: "16", baseline_approved: "43", time_saved_wd: "150", time_saved_low_wd: "48", time_saved_high_wd: "231", cohort_open: "3", baseline_open: "5" });
  });

  it("writes a self-contained HTML page with inline SVG charts and no external assets", () => {
    const html = renderHtml(fixture());
    expect(html).toContain('<p class="synthetic" role="note">SYNTHETIC DATA:');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain("no number: too few approved ISA stages");
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    // The only URL is the SVG namespace, which is never fetched.
    expect(html.match(/https?:\/\/[^"'\s)]+/g)).toEqual(["http://www.w3.org/2000/svg", "http://www.w3.org/2000/svg"]);
  });
});
