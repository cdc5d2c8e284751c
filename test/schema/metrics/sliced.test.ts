import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cycleTimeOptions, cycleTimeSteps, compileFilter, cycleTimes, runSliced, type CycleTimeGroupData } from "../../../analytics/metrics/index.js";
import { openDb, type HubDb } from "../../../db/connection.js";
import { getCycleTableSync, overwritesOf } from "../../../db/cycles/index.js";
import { prepareDatabase } from "../../../db/prepare.js";
import { WriteSession } from "../../../db/writes/index.js";
import type { WorkTurns } from "../../../schema/context.js";
import { MetricsService } from "../../../schema/metrics/metrics.service.js";

/*
 * Metrics run in slices (schema/metrics/metrics.service.ts with the server's turns) answer exactly
 * what they answer at once, on the demo data, every kernel; and a write whose delta overwrites the
 * cached table in place during a turn (db/cycles/cycle-table.delta.ts) does not leak into the
 * answer: the kernel starts again over the table it began with and answers as of before the write.
 */

const AS_OF = new Date("2030-01-01T00:00:00Z");
const DAY = 86_400_000;

/** A cycleTimes answer with its extras read, as comparable JSON. */
function cycleJson(groups: CycleTimeGroupData[]): string {
  return JSON.stringify(
    groups.map(({ extras, ...g }) => {
      const e = extras();
      return { ...g, km: e.km.median(), within30: e.km.survivalAt(30), ig: e.medianWithIg, team: e.medianWithTeam };
    }),
  );
}

/** Turns that give the event loop a turn after every step (sliceMs 0) and count them. */
function everyStep(onTurn: (n: number) => void = () => {}): WorkTurns & { count: number } {
  const turns = {
    count: 0,
    sliceMs: 0,
    turn: async () => {
      await new Promise<void>((r) => setImmediate(r));
      onTurn(++turns.count);
    },
  };
  return turns;
}

describe("metrics in slices", () => {
  let db: HubDb;
  beforeAll(() => {
    db = openDb(":memory:");
    prepareDatabase(db, { seedDemo: true, seed: 1 });
  });
  afterAll(() => db.close());

  it("answer every metric exactly as the kernels run at once do", async () => {
    const at = new MetricsService(db);
    const turns = everyStep();
    const sliced = new MetricsService(db, turns);
    for (const args of [
      { groupBy: ["STAGE", "BOROUGH"] as const, unit: "WORKING_DAYS" as const },
      { groupBy: ["STAGE", "TOOL"] as const, unit: "CALENDAR_DAYS" as const },
      { groupBy: ["LEAD_BOROUGH", "PRACTICE", "QUARTER"] as const, unit: "WORKING_DAYS" as const },
    ]) {
      const a = { ...args, groupBy: [...args.groupBy], percentiles: [10, 50, 90], asOf: AS_OF };
      expect(cycleJson(await sliced.cycleTimes(a, true))).toBe(cycleJson(await at.cycleTimes(a)));
    }
    const filter = { tools: ["isg"] };
    for (const unit of ["WORKING_DAYS", "CALENDAR_DAYS"] as const) {
      expect(JSON.stringify(await sliced.signOffTimes({ unit, asOf: AS_OF }))).toBe(JSON.stringify(await at.signOffTimes({ unit, asOf: AS_OF })));
      expect(JSON.stringify(await sliced.signOffTimes({ unit, filter, asOf: AS_OF }))).toBe(JSON.stringify(await at.signOffTimes({ unit, filter, asOf: AS_OF })));
    }
    const flow = { from: new Date("2024-01-01"), to: new Date("2026-12-31"), interval: "MONTH" as const, oldestLimit: 5, filter: { boroughs: ["E09000007"] } };
    // flow measures open items' ages at now: the same now for both.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T12:00:00Z") });
    try {
      expect(JSON.stringify(await sliced.flow(flow))).toBe(JSON.stringify(await at.flow(flow)));
    } finally {
      vi.useRealTimers();
    }
    const cohorts = { stage: "DPIA", a: { tools: ["isg"] }, b: { tools: ["manual"] }, resamples: 200, seed: 3, asOf: AS_OF };
    expect(JSON.stringify(await sliced.compareCohorts(cohorts))).toBe(JSON.stringify(await at.compareCohorts(cohorts)));
    const saved = { cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, resamples: 200, seed: 3, asOf: AS_OF };
    expect(JSON.stringify(await sliced.timeSaved(saved))).toBe(JSON.stringify(await at.timeSaved(saved)));
    // Not vacuous: the kernels did stop and resume.
    expect(turns.count).toBeGreaterThan(20);
  });

  /** Withdraws one open stage through the write service (another request's write); returns its stage. */
  function withdrawOne(): string {
    const open = db.sql.prepare("SELECT initiative_id AS id, stage, submitted_at AS sub FROM stage_cycles WHERE outcome = 'OPEN' ORDER BY initiative_id, stage LIMIT 1").get() as { id: string; stage: string; sub: number };
    const session = new WriteSession(db, { actor: "test", now: () => AS_OF.getTime() }).begin();
    session.addEvent({ initiative_id: open.id, stage: open.stage, borough: "", kind: "WITHDRAWN", at: new Date(open.sub + DAY).toISOString(), source: "test", source_ref: `w-${open.id}-${open.stage}` }, { file: "test", line: 1 });
    expect(session.finish().committed).toBe(true);
    return open.stage;
  }

  it("answer as of before a write whose delta overwrote the table in place while the kernel was suspended", async () => {
    const args = { groupBy: ["STAGE", "BOROUGH"] as ("STAGE" | "BOROUGH")[], unit: "WORKING_DAYS" as const, percentiles: [50], asOf: AS_OF };
    const held = getCycleTableSync(db.sql);
    const before = cycleJson(await new MetricsService(db).cycleTimes(args));
    let stage = "";
    // During the second turn another request writes, and a reader brings the cached table up to date (in place).
    const turns = everyStep((n) => {
      if (n !== 2) return;
      stage = withdrawOne();
      const current = getCycleTableSync(db.sql);
      expect(current.madeBy).toBe("delta");
    });
    const overwritesBefore = overwritesOf(held);
    const sliced = cycleJson(await new MetricsService(db, turns).cycleTimes(args, true));
    expect(overwritesOf(held)).toBe(overwritesBefore + 1); // the held table was written over in place
    expect(sliced).toBe(before);
    // Not vacuous: the write changed the answer (one more withdrawn, one fewer open on that stage).
    const after = await new MetricsService(db).cycleTimes(args);
    expect(cycleJson(after)).not.toBe(before);
    const withdrawn = (json: string) => (JSON.parse(json) as { stage: string; withdrawnCount: number }[]).filter((g) => g.stage === stage).reduce((s, g) => s + g.withdrawnCount, 0);
    expect(withdrawn(cycleJson(after))).toBeGreaterThan(withdrawn(before));
  });

  it("start the kernel again when the delta lands during a turn (the restart the service relies on)", async () => {
    const opts = cycleTimeOptions({ groupBy: ["STAGE", "BOROUGH"], unit: "CALENDAR_DAYS", percentiles: [50], asOf: AS_OF });
    const held = getCycleTableSync(db.sql);
    const f = compileFilter(held, "filter", null);
    const before = cycleJson(cycleTimes(held, f, opts));
    let starts = 0;
    let seen = 0;
    let turnsGiven = 0;
    const answer = await runSliced(
      () => {
        starts++;
        seen = overwritesOf(held);
        return cycleTimeSteps(held, f, opts, true);
      },
      {
        sliceMs: 0,
        turn: async () => {
          await new Promise<void>((r) => setImmediate(r));
          if (++turnsGiven === 1) {
            withdrawOne();
            getCycleTableSync(db.sql);
          }
        },
        changed: () => overwritesOf(held) !== seen,
      },
    );
    expect(starts).toBe(2);
    expect(cycleJson(answer)).toBe(before);
  });
});
