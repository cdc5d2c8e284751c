import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROW_COLUMNS, boroughCodesOf, partnerSlugsOf, type CycleTable } from "../../../analytics/metrics/index.js";
import { openDb, type HubDb } from "../../../db/connection.js";
import { buildCycleTable } from "../../../db/cycles/cycle-table.build.js";
import { DATA_VERSION_SQL } from "../../../db/cycles/cycles.queries.js";
import { getCycleTableSync, signoffColumns } from "../../../db/cycles/index.js";
import { readSnapshot } from "../../../db/driver/index.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { WriteSession } from "../../../db/writes/index.js";

/*
 * The cycle table a reader keeps current by deltas (db/cycles/cycle-table.delta.ts: columns updated
 * in place) must equal a table read in full, after any sequence of writes made by another
 * connection through the write service: new initiatives, events, participants, retractions,
 * corrections (a retraction and its replacement in one write), initiative updates. A table a query
 * still holds must keep reading as it stood. Runs on both databases (the PostgreSQL pass maps the
 * file to a schema).
 */

const STAGES = ["IDEA", "CONCEPT", "DPIA", "ISA", "REVIEW"];
const KINDS = ["SUBMITTED", "SUBMITTED", "QUERY_RAISED", "RESUBMITTED", "APPROVED", "APPROVED", "REJECTED", "WITHDRAWN"];
const BOROUGHS = ["E09000001", "E09000002", "E09000003", "E09000007", "E09000012"];
const PARTNERS = ["met-police", "nhs-nel"];
const TOOLS = ["isg", "manual", "onelondon"];
const PRACTICES = ["common-dpia-template", "ig-at-concept", "statement-of-intent"];
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 8, 10);

type Op =
  | { op: "create"; lead: number; others: number[]; partners: number[]; tool: number; practices: number[] }
  | { op: "event"; who: number; stage: number; kind: number; borough: number; day: number }
  | { op: "participant"; who: number; borough: number; partner: number }
  | { op: "retract"; which: number }
  | { op: "correct"; which: number; shift: number }
  | { op: "update"; who: number; tool: number; practices: number[] };

const pick = (n: number) => fc.nat({ max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("create" as const), lead: pick(BOROUGHS.length), others: fc.array(pick(BOROUGHS.length), { maxLength: 3 }), partners: fc.array(pick(PARTNERS.length), { maxLength: 2 }), tool: pick(TOOLS.length), practices: fc.array(pick(PRACTICES.length), { maxLength: 2 }) }),
  { arbitrary: fc.record({ op: fc.constant("event" as const), who: fc.nat(50), stage: pick(STAGES.length), kind: pick(KINDS.length), borough: fc.nat(6), day: fc.nat(120) }), weight: 4 },
  fc.record({ op: fc.constant("participant" as const), who: fc.nat(50), borough: fc.nat(BOROUGHS.length + PARTNERS.length - 1), partner: fc.constant(0) }),
  fc.record({ op: fc.constant("retract" as const), which: fc.nat(200) }),
  fc.record({ op: fc.constant("correct" as const), which: fc.nat(200), shift: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ op: fc.constant("update" as const), who: fc.nat(50), tool: pick(TOOLS.length), practices: fc.array(pick(PRACTICES.length), { maxLength: 2 }) }),
);

/** Everything a table says, as comparable records: live rows with their initiative and sign-offs (order ignored). */
function contentOf(t: CycleTable): string[] {
  const out: string[] = [];
  for (let r = 0; r < t.n; r++) {
    if (t.submittedAt[r] === Infinity) continue;
    const i = t.init[r]!;
    const row: unknown[] = ROW_COLUMNS.filter((k) => k !== "init" && k !== "stage").map((k) => [k, String(t[k][r])]);
    const boroughs = [...boroughCodesOf(t, i).sort(), ...partnerSlugsOf(t, i).sort()];
    const practices = t.practices.filter((_, p) => (t.initPractices[i]! >>> p) & 1);
    const sig = t.signoffs;
    const signoffs: string[] = [];
    if (sig) for (let j = sig.first[r]!; j < sig.first[r]! + sig.count[r]!; j++) signoffs.push(`${t.boroughs[sig.borough[j]!]}@${sig.at[j]}/${sig.wd[j]}`);
    out.push(JSON.stringify([t.initiativeIds[i], t.stages[t.stage[r]!], t.tools[t.initTool[i]!], t.boroughs[t.initLead[i]!], boroughs, practices, row, signoffs.sort()]));
  }
  return out.sort();
}

/** The table read in full at the database's current version (with its sign-offs when asked). */
function fullRead(db: HubDb, withSignoffs: boolean): CycleTable {
  const t = readSnapshot(db.sql, () => buildCycleTable(db.sql, db.sql.prepare<{ v: number }>(DATA_VERSION_SQL).get()?.v ?? 0));
  if (withSignoffs) signoffColumns(db.sql, t);
  return t;
}

let ref = 0;
/** One write through the write service; false when it was refused (and rolled back). */
function write(db: HubDb, ops: Op[]): boolean {
  const ids = db.sql.prepare("SELECT id FROM initiatives ORDER BY id").pluck().all() as string[];
  const events = db.sql
    .prepare("SELECT e.id, e.initiative_id, e.stage, e.kind, e.authority_code, e.at FROM stage_events e WHERE e.kind <> 'RETRACTED' AND NOT EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = e.id) ORDER BY e.id")
    .all() as { id: number; initiative_id: string; stage: string; kind: string; authority_code: string | null; at: number }[];
  const session = new WriteSession(db, { actor: "test", now: () => T0 + 400 * DAY }).begin();
  const pos = { file: "test", line: 0 };
  for (const o of ops) {
    const who = ids.length ? ids[("who" in o ? o.who : 0) % ids.length]! : undefined;
    if (o.op === "create") {
      const id = `P${ids.length + 1}`;
      ids.push(id);
      const boroughs = [...new Set([BOROUGHS[o.lead]!, ...o.others.map((b) => BOROUGHS[b]!)])];
      session.addInitiative({ id, title: id, lead_borough: BOROUGHS[o.lead]!, boroughs, partners: [...new Set(o.partners.map((p) => PARTNERS[p]!))], tool: TOOLS[o.tool]!, practices: [...new Set(o.practices.map((p) => PRACTICES[p]!))], status: "", created_at: "2024-01-01" }, pos);
    } else if (o.op === "event" && who) {
      const borough = o.borough < BOROUGHS.length && KINDS[o.kind] === "APPROVED" ? BOROUGHS[o.borough]! : "";
      session.addEvent({ initiative_id: who, stage: STAGES[o.stage]!, borough, kind: KINDS[o.kind]!, at: new Date(T0 + o.day * DAY).toISOString(), source: "prop", source_ref: `e${++ref}` }, pos);
    } else if (o.op === "participant" && who) {
      // A borough, or (past the boroughs) a partner organisation.
      if (o.borough < BOROUGHS.length) session.addParticipants(who, [BOROUGHS[o.borough]!], [], pos);
      else session.addParticipants(who, [], [PARTNERS[o.borough - BOROUGHS.length]!], pos);
    } else if ((o.op === "retract" || o.op === "correct") && events.length) {
      const e = events[o.which % events.length]!;
      session.retractEvent({ target: { id: e.id }, at: T0 + 300 * DAY, source: "prop", source_ref: `r${++ref}`, reason: "property test" }, pos);
      if (o.op === "correct") {
        session.addEvent({ initiative_id: e.initiative_id, stage: e.stage, borough: e.authority_code ?? "", kind: e.kind, at: new Date(e.at + o.shift * DAY).toISOString(), source: "prop", source_ref: `e${++ref}` }, pos);
      }
    } else if (o.op === "update" && who) {
      session.updateInitiative(who, { tool: TOOLS[o.tool]!, practices: [...new Set(o.practices.map((p) => PRACTICES[p]!))] }, pos);
    }
  }
  return session.finish().committed;
}

describe("cycle table deltas", () => {
  it("equal a full read after random writes by another connection, and leave a held table as it stood", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ighub-delta-"));
    let run = 0;
    let committed = 0;
    let deltas = 0;
    let rowsChanged = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.boolean(), async (sessions, readSignoffs) => {
          const file = join(dir, `run-${++run}.db`);
          const reader = openDb(file);
          const writer = openDb(file);
          try {
            loadReferenceData(reader);
            // A first initiative with a submitted stage, so that every run has rows to change.
            write(writer, [{ op: "create", lead: 0, others: [1, 2], partners: [0], tool: 0, practices: [0] }, { op: "event", who: 0, stage: 2, kind: 0, borough: 6, day: 0 }]);
            let held = getCycleTableSync(reader.sql);
            if (readSignoffs) signoffColumns(reader.sql, held);
            for (const ops of sessions) {
              const before = contentOf(held);
              if (write(writer, ops)) committed++;
              const t = getCycleTableSync(reader.sql);
              if (t !== held) {
                expect(t.madeBy).toBe("delta");
                deltas++;
              }
              if (readSignoffs) expect(t.signoffs).toBeDefined(); // carried along by the delta
              const now = contentOf(t);
              expect(now).toEqual(contentOf(fullRead(reader, readSignoffs)));
              // The table a query held before the write still reads as it did.
              expect(contentOf(held)).toEqual(before);
              if (JSON.stringify(now) !== JSON.stringify(before)) rowsChanged++;
              held = t;
            }
          } finally {
            writer.close();
            reader.close();
            for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
          }
        }),
        { numRuns: 25, seed: 17 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Not vacuous: most writes went in, and tables changed by deltas.
    expect(committed).toBeGreaterThan(20);
    expect(deltas).toBeGreaterThan(20);
    expect(rowsChanged).toBeGreaterThan(10);
  }, 240_000);
});
