import { afterEach, describe, expect, it } from "vitest";
import type { HubDb } from "../../../db/connection.js";
import { importRecords } from "../../../db/import/import.service.js";
import { dpoReviewStagesOf, trackRun } from "../../../db/mapping/ingest-run.js";
import { loadPreset, parseMapping } from "../../../db/mapping/index.js";
import { IngestRunQueries } from "../../../db/queries/ingest-run.queries.js";
import type { EventRecord, InitiativeRecord } from "../../../db/writes/index.js";
import { freshDb } from "../import/helpers.js";

// The data-quality view of a run (issue 14, point 5): counts, corrections and warnings, kept in ingest_runs.

let db: HubDb;
afterEach(() => db?.close());

// The run "comes in" at 10:00 on Monday 2 June 2025 (London, BST): the London day is 2025-06-02.
const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);

const initiative = (id: string, tool: string): InitiativeRecord => ({
  id,
  title: `Run ${id}`,
  lead_borough: "E09000007",
  boroughs: ["E09000007", "E09000012"],
  partners: [],
  tool,
  practices: [],
  status: "",
  created_at: "2025-01-06",
});
const event = (initiativeId: string, stage: string, kind: string, at: string, ref: string, borough = ""): EventRecord => ({ initiative_id: initiativeId, stage, borough, kind, at, source: "flow", source_ref: ref });

const INITIATIVES = [initiative("run-isg", "isg"), initiative("run-man", "manual")];
const EVENTS = [
  event("run-isg", "ISA", "SUBMITTED", "2025-05-01", "g1"),
  // ISG's mapping records a DPO review at ISA: an ISA approval without one is worth a look.
  event("run-isg", "ISA", "APPROVED", "2025-05-10", "g2", "E09000007"),
  // ... at DPIA it records none: no warning.
  event("run-isg", "DPIA", "SUBMITTED", "2025-04-01", "g3"),
  event("run-isg", "DPIA", "APPROVED", "2025-04-20", "g4"),
  // A review due today has not passed.
  event("run-isg", "REVIEW", "SUBMITTED", "2025-06-02", "g5"),
  // A manual initiative: no tool mapping records a DPO review for it.
  event("run-man", "ISA", "SUBMITTED", "2025-05-01", "m1"),
  event("run-man", "ISA", "APPROVED", "2025-05-10", "m2"),
  // Due yesterday, no review approved: passed.
  event("run-man", "REVIEW", "SUBMITTED", "2025-06-01", "m3"),
  // Tomorrow (London): in the future.
  event("run-man", "IDEA", "SUBMITTED", "2025-06-03", "m4"),
];

const run = (actor: string, initiatives: InitiativeRecord[], events: EventRecord[], opts: { dryRun?: boolean } = {}) =>
  trackRun(db, { source: "ingest", label: "json", actor, now: () => NOW }, () =>
    importRecords(db, { initiativesFile: "initiatives", eventsFile: "events", initiatives, events }, "test", { actor, bulk: false, now: () => NOW, dryRun: opts.dryRun }),
  );

describe("ingest runs", () => {
  it("answers a committed run with its counts and warnings, and keeps it", async () => {
    db = freshDb();
    const { result, report } = await run("key-1", INITIATIVES, EVENTS);
    expect(result.errors).toEqual([]);
    const warnings = [
      {
        code: "FUTURE_DATE",
        initiativeId: "run-man",
        stage: "IDEA",
        message: "an event at IDEA is dated 2025-06-03, after the day it came in (2025-06-02); expected a date that has happened (a planned date is not an event)",
      },
      {
        code: "APPROVED_WITHOUT_DPO_REVIEW",
        initiativeId: "run-isg",
        stage: "ISA",
        message: "APPROVED at ISA by E09000007 on 2025-05-10 with no DPO review (DPO_REVIEWED) recorded there, though isg's mapping records one; check the export's DPO review column",
      },
      {
        code: "REVIEW_DATE_PASSED",
        initiativeId: "run-man",
        stage: "REVIEW",
        message: "the review fell due on 2025-06-01, before the day it came in (2025-06-02), and no REVIEW approval is recorded since; expected the review to be done or its date moved",
      },
    ];
    expect(report).toEqual({ runId: 1, skipped: 0, corrections: 0, warnings: 3, warningList: warnings });
    expect(new IngestRunQueries(db).recent(10)).toEqual([
      { id: 1, at: NOW, source: "ingest", label: "json", actor: "key-1", committed: true, initiativesAdded: 2, eventsAdded: 9, skipped: 0, corrections: 0, errors: 0, warnings: 3, warningList: warnings },
    ]);
  });

  it("counts records skipped as already present and corrections; warns only of the run's own standing events", async () => {
    db = freshDb();
    await run("key-1", INITIATIVES, EVENTS);
    // The same records again, with the future-dated event retracted (a correction).
    const retraction: EventRecord = { ...event("run-man", "IDEA", "RETRACTED", "2025-06-02", "m4-x"), retracts: "m4", reason: "dated in error" };
    const { result, report } = await run("key-2", INITIATIVES, [...EVENTS, retraction]);
    expect(result.committed).toBe(true);
    expect(report).toEqual({ runId: 2, skipped: 2 + EVENTS.length, corrections: 1, warnings: 0, warningList: [] });
    // A third run approving the review clears nothing stored (runs keep what they found) and raises nothing itself.
    const approve = await run("key-2", [], [event("run-man", "REVIEW", "APPROVED", "2025-06-02", "m5")]);
    expect(approve.report).toEqual({ runId: 3, skipped: 0, corrections: 0, warnings: 0, warningList: [] });
    expect(new IngestRunQueries(db).recent(2).map((r) => [r.id, r.skipped, r.corrections, r.warnings])).toEqual([
      [3, 0, 0, 0],
      [2, 11, 1, 0],
    ]);
  });

  it("warns of an approval without its own signer's DPO review: a review by that borough or partner clears it, another signer's does not", async () => {
    db = freshDb();
    const withPartner: InitiativeRecord = { ...initiative("run-dpo", "isg"), partners: ["met-police"] };
    const { result, report } = await run("key-1", [withPartner], [
      event("run-dpo", "ISA", "SUBMITTED", "2025-05-01", "d1"),
      // E09000007 reviewed, then approved: no warning.
      event("run-dpo", "ISA", "DPO_REVIEWED", "2025-05-03", "d2", "E09000007"),
      event("run-dpo", "ISA", "APPROVED", "2025-05-10", "d3", "E09000007"),
      // The partner reviewed, then approved: no warning.
      event("run-dpo", "ISA", "DPO_REVIEWED", "2025-05-20", "d4", "met-police"),
      event("run-dpo", "ISA", "APPROVED", "2025-05-30", "d5", "met-police"),
      // E09000012 approved with no review of its own (the others' reviews are not its): a warning.
      event("run-dpo", "ISA", "APPROVED", "2025-05-12", "d6", "E09000012"),
    ]);
    expect(result.errors).toEqual([]);
    expect(report).toEqual({
      runId: 1,
      skipped: 0,
      corrections: 0,
      warnings: 1,
      warningList: [
        {
          code: "APPROVED_WITHOUT_DPO_REVIEW",
          initiativeId: "run-dpo",
          stage: "ISA",
          message: "APPROVED at ISA by E09000012 on 2025-05-12 with no DPO review (DPO_REVIEWED) recorded there, though isg's mapping records one; check the export's DPO review column",
        },
      ],
    });
  });

  it("warns of a partner's approval without the partner's DPO review", async () => {
    db = freshDb();
    const withPartner: InitiativeRecord = { ...initiative("run-dpo", "isg"), partners: ["met-police"] };
    const { report } = await run("key-1", [withPartner], [
      event("run-dpo", "ISA", "SUBMITTED", "2025-05-01", "d1"),
      event("run-dpo", "ISA", "DPO_REVIEWED", "2025-05-03", "d2", "E09000007"),
      event("run-dpo", "ISA", "APPROVED", "2025-05-30", "d5", "met-police"),
    ]);
    expect(report.warningList).toEqual([
      {
        code: "APPROVED_WITHOUT_DPO_REVIEW",
        initiativeId: "run-dpo",
        stage: "ISA",
        message: "APPROVED at ISA by met-police on 2025-05-30 with no DPO review (DPO_REVIEWED) recorded there, though isg's mapping records one; check the export's DPO review column",
      },
    ]);
  });

  it("keeps a refused run with its error count and no warnings; does not keep a dry run", async () => {
    db = freshDb();
    const dry = await run("key-1", INITIATIVES, EVENTS, { dryRun: true });
    expect(dry.report).toEqual({ runId: null, skipped: 0, corrections: 0, warnings: 0, warningList: [] });
    const refused = await run("key-1", INITIATIVES, [...EVENTS, event("run-man", "IDEA", "FINISHED", "2025-05-01", "m9")]);
    expect(refused.result.committed).toBe(false);
    expect(refused.report).toEqual({ runId: 1, skipped: 0, corrections: 0, warnings: 0, warningList: [] });
    expect(new IngestRunQueries(db).recent(10)).toEqual([
      { id: 1, at: NOW, source: "ingest", label: "json", actor: "key-1", committed: false, initiativesAdded: 0, eventsAdded: 0, skipped: 0, corrections: 0, errors: 1, warnings: 0, warningList: [] },
    ]);
  });

  it("reads which stages a tool's mapping records a DPO review at: fixed, by a value map, or any stage from a column", () => {
    const byColumn = parseMapping(
      `tool: manual
source: mine
columns: { ref: Ref, title: Project, lead: Lead, phase: Stage, step: Step, on: On }
initiative: { id: "m-{ref}", title: title }
participants: { lead: lead }
events:
  - stage: { column: phase }
    kind: { column: step, values: { Reviewed: DPO_REVIEWED, Signed: APPROVED } }
    date: on
    source_ref: "{initiative}:{stage}:{kind}"
`,
      "mine.yaml",
    );
    expect(dpoReviewStagesOf([loadPreset("isg"), loadPreset("weisf"), byColumn])).toEqual(
      new Map([
        ["isg", new Set(["ISA"])],
        ["manual", new Set(["*"])],
      ]),
    );
  });
});
