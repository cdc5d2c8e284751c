import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exportEventsCsv, exportInitiativesCsv } from "../../../db/export/index.js";
import { importFiles } from "../../../db/import/import.service.js";
import type { Viewer } from "../../../schema/context.js";
import { ADMIN, useGraphHarness } from "./graph.harness.js";
import { freshDb, tempDir } from "../import/helpers.js";
import { toText } from "../export/to-text.js";

/**
 * ISG's two steps (issue 13, point 3): a signer's DPO review (DPO_REVIEWED) before its senior
 * officer's APPROVED. Boroughs E09000007 and E09000012 and the partner met-police; the ISA is
 * submitted on day 0; E09000007 is reviewed on day 3 and approves on day 10; E09000012 approves on
 * day 12 with no review; the police are reviewed on day 20 and approve on day 30. Worked out by
 * hand (calendar days; every instant at 10:00 UTC, so whole days): submission → review / review →
 * sign-off is 3 / 7 for E09000007, null / null for E09000012, 20 / 10 for met-police; the review
 * changes no cycle time (approval on day 30). The same in working days below.
 */

const LEAD_EDITOR: Viewer = { role: "editor", keyId: "key-camden", boroughs: ["E09000007"] };

const graph = useGraphHarness();
const gql = graph.gql;

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();
const CYCLE = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"] }) { stage approvedCount median } }`;
const SIGN_OFFS = `{ signOffTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"] }) {
  organisation signedCount median reviewedCount reviewMedian afterReviewMedian } }`;

async function record(input: Record<string, unknown>, as: Viewer = ADMIN): Promise<string> {
  const r = await gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id kind organisation } }`, { input: { initiativeId: "P1", stage: "ISA", ...input } }, as);
  expect(r.errors).toBeUndefined();
  expect(r.data!.recordStageEvent).toMatchObject({ kind: input.kind, organisation: input.organisation ?? null });
  return r.data!.recordStageEvent.id as string;
}

const row = (organisation: string, median: number, reviewedCount: number, reviewMedian: number | null, afterReviewMedian: number | null) => ({
  organisation,
  signedCount: 1,
  median,
  reviewedCount,
  reviewMedian,
  afterReviewMedian,
});

describe("a DPO review before each sign-off", () => {
  let reviewA = "";
  it("splits each signer's sign-off time at its review, null where none is recorded; cycle times unchanged", async () => {
    const c = await gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, {
      input: { id: "P1", title: "Pan-London ISA", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["met-police"], tool: "manual", createdAt: "2024-03-01" },
    });
    expect(c.errors).toBeUndefined();
    await record({ kind: "SUBMITTED", at: day(0) });
    // Read the sign-offs once now: the rest goes through the in-place delta.
    const pending = (organisation: string) => ({ organisation, signedCount: 0, median: null, reviewedCount: 0, reviewMedian: null, afterReviewMedian: null });
    expect((await gql(SIGN_OFFS)).data).toEqual({ signOffTimes: [pending("E09000007"), pending("E09000012"), pending("met-police")] });
    reviewA = await record({ kind: "DPO_REVIEWED", organisation: "E09000007", at: day(3) }, LEAD_EDITOR);
    await record({ kind: "APPROVED", organisation: "E09000007", at: day(10) }, LEAD_EDITOR);
    await record({ kind: "APPROVED", organisation: "E09000012", at: day(12) });
    // The lead borough's editor records the partner's review and sign-off on its behalf.
    await record({ kind: "DPO_REVIEWED", organisation: "met-police", at: day(20) }, LEAD_EDITOR);
    await record({ kind: "APPROVED", organisation: "met-police", at: day(30) }, LEAD_EDITOR);
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", approvedCount: 1, median: 30 }] });
    expect((await gql(SIGN_OFFS)).data).toEqual({ signOffTimes: [row("E09000007", 10, 1, 3, 7), row("E09000012", 12, 0, null, null), row("met-police", 30, 1, 20, 10)] });
    // Working days (England & Wales, d with submitted date < d <= the date; submitted Friday 1 March
    // 2024): review Mon 4 March = 1, approval Mon 11 March = 6; Wed 13 March = 8; review Thu 21
    // March = 14, approval Sun 31 March = 19 (Good Friday 29 March is a bank holiday).
    const wd = (await gql(SIGN_OFFS.replace("CALENDAR_DAYS", "WORKING_DAYS"))).data;
    expect(wd).toEqual({ signOffTimes: [row("E09000007", 6, 1, 1, 5), row("E09000012", 8, 0, null, null), row("met-police", 19, 1, 14, 5)] });
  });

  it("a review after the sign-off does not split it; a retracted review no longer does", async () => {
    await record({ kind: "DPO_REVIEWED", organisation: "E09000012", at: day(15) });
    const r = await gql(`mutation($id: ID!, $reason: String!) { retractStageEvent(id: $id, reason: $reason) { id } }`, { id: reviewA, reason: "recorded for the wrong stage" });
    expect(r.errors).toBeUndefined();
    expect((await gql(SIGN_OFFS)).data).toEqual({ signOffTimes: [row("E09000007", 10, 0, null, null), row("E09000012", 12, 0, null, null), row("met-police", 30, 1, 20, 10)] });
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", approvedCount: 1, median: 30 }] });
  });

  it("a DPO review is refused to another borough's editor", async () => {
    const r = await gql(
      `mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`,
      { input: { initiativeId: "P1", stage: "ISA", kind: "DPO_REVIEWED", organisation: "E09000012", at: day(11) } },
      LEAD_EDITOR,
    );
    expect(r.errors?.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it("export → import → export is byte-identical, and the copy splits the same", async () => {
    const dir = tempDir();
    const initiatives = await toText((out) => exportInitiativesCsv(graph.db, {}, out), join(dir, "a-initiatives.csv"));
    const events = await toText((out) => exportEventsCsv(graph.db, {}, out), join(dir, "a-events.csv"));
    // Hand-written: the log as recorded, the reviews among the events (one retracted, still listed).
    expect(events.split("\n").filter((l) => l.includes("DPO_REVIEWED")).map((l) => l.split(",").slice(0, 5).join(","))).toEqual([
      `P1,ISA,E09000007,DPO_REVIEWED,${day(3)}`,
      `P1,ISA,E09000012,DPO_REVIEWED,${day(15)}`,
      `P1,ISA,met-police,DPO_REVIEWED,${day(20)}`,
    ]);
    const copy = freshDb();
    try {
      const r = await importFiles(copy, { initiatives: join(dir, "a-initiatives.csv"), events: join(dir, "a-events.csv") });
      expect(r.errors).toEqual([]);
      expect(await toText((out) => exportInitiativesCsv(copy, {}, out), join(dir, "b-initiatives.csv"))).toBe(initiatives);
      expect(await toText((out) => exportEventsCsv(copy, {}, out), join(dir, "b-events.csv"))).toBe(events);
    } finally {
      copy.close();
    }
  });
});
