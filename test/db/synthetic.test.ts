import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { deriveStageCycle, type CycleEvent, type Participant } from "../../analytics/cycle.js";
import { toParticipant } from "../../db/cycles/cycle.maintainer.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { getDataVersion } from "../../db/cycles/change-log.js";
import { getMeta, setMeta } from "../../db/meta.js";
import { generateSynthetic, resolveSize, SyntheticRefusedError } from "../../db/synthetic/index.js";

const DATA_TABLES = [
  "organisations",
  "ig_contacts",
  "tool_adoptions",
  "initiatives",
  "initiative_boroughs",
  "initiative_partners",
  "initiative_practices",
  "stage_events",
  "stage_cycles",
  "borough_signoffs",
  "partner_signoffs",
  "meta",
];

/** A digest of every row of the tables a synthetic load writes, in key order. */
function dataHash(db: HubDb): string {
  const h = createHash("sha256");
  for (const t of DATA_TABLES) {
    // SQLite: in insertion order (rowid). PostgreSQL has no rowid: every row, ordered by its whole value.
    const sql = db.dialect === "sqlite" ? `SELECT rowid, * FROM "${t}" ORDER BY rowid` : `SELECT * FROM "${t}" AS r ORDER BY r`;
    h.update(t).update(JSON.stringify(db.sql.prepare(sql).raw().all()));
  }
  return h.digest("hex");
}

function seeded(size: number, seed: number): HubDb {
  const db = openDb(":memory:");
  generateSynthetic(db, { size, seed });
  return db;
}

describe("generateSynthetic: determinism", () => {
  it("gives identical rows for the same seed and different rows for another seed", () => {
    const a = seeded(120, 7);
    const b = seeded(120, 7);
    const c = seeded(120, 8);
    try {
      expect(dataHash(a)).toBe(dataHash(b));
      expect(dataHash(a)).not.toBe(dataHash(c));
    } finally {
      for (const db of [a, b, c]) db.close();
    }
  });
});

describe("generateSynthetic: the demo data set", () => {
  let db: HubDb;
  let result: { initiatives: number; events: number };
  const progress: [number, number][] = [];
  const all = <T>(sql: string, ...params: unknown[]) => db.sql.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => db.sql.prepare(sql).get(...params) as T;

  beforeAll(() => {
    db = openDb(":memory:");
    result = generateSynthetic(db, { size: "demo", seed: 2019, onProgress: (d, t) => progress.push([d, t]) });
  });
  afterAll(() => db.close());

  it("reports what it wrote and labels the database as a synthetic demo", () => {
    expect(result.initiatives).toBe(400);
    expect(result.events).toBe(one<{ n: number }>("SELECT count(*) AS n FROM stage_events").n);
    expect(result.events).toBeGreaterThan(400 * 10);
    expect(progress.at(-1)).toEqual([400, 400]);
    expect(getMeta(db.sql, "dataset")).toBe("demo");
    expect(getMeta(db.sql, "synthetic")).toBe("true");
    expect(getMeta(db.sql, "synthetic_seed")).toBe("2019");
    expect(getDataVersion(db.sql)).toBeGreaterThan(0);
  });

  it("labels every initiative, event, partner, contact and adoption as synthetic", () => {
    const initiatives = all<{ id: string; title: string; synthetic: number; recorded_by: string }>("SELECT id, title, synthetic, recorded_by FROM initiatives");
    expect(initiatives).toHaveLength(400);
    for (const i of initiatives) {
      expect(i.id).toMatch(/^SYN-\d{6}$/);
      expect(i.title).toMatch(/^\[Synthetic\] .+ #\d+$/);
      expect(i.synthetic).toBe(1);
      expect(i.recorded_by).toBe("seed");
    }
    expect(all("SELECT DISTINCT source, recorded_by FROM stage_events")).toEqual([{ source: "synthetic", recorded_by: "seed" }]);
    expect(one<{ n: number }>("SELECT count(DISTINCT source_ref) AS n FROM stage_events").n).toBe(result.events);
    expect(all("SELECT DISTINCT synthetic FROM organisations")).toEqual([{ synthetic: 1 }]);
    expect(all("SELECT DISTINCT synthetic, source FROM tool_adoptions")).toEqual([{ synthetic: 1, source: "synthetic" }]);
  });

  it("gives every borough a plainly fake IG contact for each role, under example.invalid", () => {
    const contacts = all<{ authority_code: string; role: string; name: string; email: string; synthetic: number }>("SELECT * FROM ig_contacts");
    expect(contacts).toHaveLength(33 * 4);
    for (const c of contacts) {
      expect(c.synthetic).toBe(1);
      expect(c.name).toMatch(/^Synthetic /);
      expect(c.email).toMatch(/^[a-z-]+\.e090000\d\d@example\.invalid$/);
    }
    expect(contacts.find((c) => c.authority_code === "E09000007" && c.role === "DPO")).toMatchObject({
      name: "Synthetic DPO (Camden)",
      email: "dpo.e09000007@example.invalid",
    });
  });

  it("has 1 to 12 participating boroughs per initiative, mostly few, the lead among them", () => {
    const counts = all<{ n: number }>("SELECT count(*) AS n FROM initiative_boroughs GROUP BY initiative_id").map((r) => r.n);
    expect(counts).toHaveLength(400);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(12);
    const ones = counts.filter((n) => n === 1).length;
    const many = counts.filter((n) => n >= 8).length;
    expect(ones).toBeGreaterThan(many);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM initiatives i JOIN initiative_boroughs b ON b.initiative_id = i.id AND b.authority_code = i.lead_borough AND b.role = 'LEAD'").n).toBe(400);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM initiative_partners").n).toBeGreaterThan(0);
  });

  it("keeps every reference valid", () => {
    if (db.sqlite) {
      // SQLite: the load turns foreign keys off for speed, so check them all afterwards.
      expect(db.sqlite.pragma("foreign_key_check")).toEqual([]);
    } else {
      // PostgreSQL checks every key as it is written; count the rows without a parent anyway, for
      // every single-column foreign key of the schema.
      const keys = db.sql
        .prepare<{ child: string; col: string; parent: string; pcol: string }>(
          `SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace AND cardinality(c.conkey) = 1
            ORDER BY 1, 2`,
        )
        .all();
      expect(keys.length).toBeGreaterThan(5);
      const orphans = keys.flatMap((k) => {
        const n = db.sql.prepare<number>(`SELECT count(*) FROM ${k.child} x WHERE x."${k.col}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${k.parent} p WHERE p."${k.pcol}" = x."${k.col}")`).pluck().get()!;
        return n > 0 ? [`${k.child}.${k.col}: ${n}`] : [];
      });
      expect(orphans).toEqual([]);
    }
  });

  it("runs the stages in process order: a stage is submitted only after the previous one was approved", () => {
    const stageOrder = ["IDEA", "CONCEPT", "DPIA", "ISA", "REVIEW"];
    const cycles = all<{ initiative_id: string; stage: string; outcome: string; submitted_at: number; approved_at: number | null }>(
      "SELECT initiative_id, stage, outcome, submitted_at, approved_at FROM stage_cycles",
    );
    const byInitiative = new Map<string, Map<string, (typeof cycles)[number]>>();
    for (const c of cycles) {
      if (!byInitiative.has(c.initiative_id)) byInitiative.set(c.initiative_id, new Map());
      byInitiative.get(c.initiative_id)!.set(c.stage, c);
    }
    for (const stages of byInitiative.values()) {
      expect(stages.has("IDEA")).toBe(true);
      for (let k = 1; k < stageOrder.length; k++) {
        const current = stages.get(stageOrder[k]!);
        if (!current) continue;
        const previous = stages.get(stageOrder[k - 1]!);
        expect(previous?.outcome).toBe("APPROVED");
        expect(current.submitted_at).toBeGreaterThan(previous!.approved_at!);
      }
    }
  });

  it("stores each stage's cycle and sign-offs exactly as deriveStageCycle derives them from the effective log and the signing participants", () => {
    const stored = all<{ id: number; initiative_id: string; stage: string; kind: CycleEvent["kind"] | "RETRACTED"; borough: string | null; partner: string | null; at: number; retracts: number | null }>(
      "SELECT id, initiative_id, stage, kind, authority_code AS borough, organisation_slug AS partner, at, retracts FROM stage_events ORDER BY initiative_id, stage, at, id",
    );
    // The effective log, worked out here: without RETRACTED rows and the events they retract.
    const retracted = new Set(stored.filter((e) => e.kind === "RETRACTED").map((e) => e.retracts));
    const events = stored.filter((e) => e.kind !== "RETRACTED" && !retracted.has(e.id)).map((e) => ({ ...e, borough: e.borough ?? e.partner }));
    // Each signing participant with its period (the generator's few leavers, db/synthetic/leavers.ts).
    const participants = new Map<string, Participant[]>();
    const signers = all<{ initiative_id: string; code: string; joined_at: number | null; left_at: number | null }>(
      "SELECT initiative_id, authority_code AS code, joined_at, left_at FROM initiative_boroughs WHERE signs = 1 UNION ALL SELECT initiative_id, organisation_slug, joined_at, left_at FROM initiative_partners WHERE signs = 1",
    );
    for (const r of signers) participants.set(r.initiative_id, [...(participants.get(r.initiative_id) ?? []), toParticipant(r)]);
    const grouped = new Map<string, CycleEvent[]>();
    for (const e of events) {
      const key = `${e.initiative_id}|${e.stage}`;
      if (!grouped.has(key)) grouped.set(key, []);
      grouped.get(key)!.push({ kind: e.kind as CycleEvent["kind"], borough: e.borough, at: e.at });
    }
    const expectedCycles: unknown[] = [];
    const expectedSignoffs: unknown[] = [];
    for (const [key, evs] of grouped) {
      const [id, stage] = key.split("|") as [string, string];
      const c = deriveStageCycle(evs, participants.get(id)!);
      if (!c) continue;
      expectedCycles.push([id, stage, c.outcome, c.submittedAt, c.approvedAt, c.endedAt, c.rounds, c.teamMs, c.openQueryAt]);
      for (const [code, at] of c.signoffs) expectedSignoffs.push([id, stage, code, at]);
    }
    const byKey = (x: unknown, y: unknown) => JSON.stringify(x).localeCompare(JSON.stringify(y));
    expect(db.sql.prepare("SELECT * FROM stage_cycles").raw().all().sort(byKey)).toEqual(expectedCycles.sort(byKey));
    const signoffs = db.sql.prepare("SELECT * FROM borough_signoffs UNION ALL SELECT * FROM partner_signoffs").raw().all();
    expect(signoffs.sort(byKey)).toEqual(expectedSignoffs.sort(byKey));
    expect(expectedSignoffs.some((s) => (s as string[])[2]!.startsWith("syn-"))).toBe(true);
  });

  it("has open stages, query rounds, borough-less approvals and withdrawn and rejected initiatives", () => {
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stage_cycles WHERE outcome = 'OPEN'").n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stage_cycles WHERE rounds > 1 AND team_ms > 0").n).toBeGreaterThan(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stage_events WHERE kind = 'APPROVED' AND authority_code IS NULL").n).toBeGreaterThan(0);
    const status = Object.fromEntries(all<{ status: string; n: number }>("SELECT status, count(*) AS n FROM initiatives GROUP BY status").map((r) => [r.status, r.n]));
    expect(Object.keys(status).sort()).toEqual(["ACTIVE", "LIVE", "REJECTED", "WITHDRAWN"]);
    // About 5% withdrawn and 3% rejected (those reached before "now").
    expect(status.WITHDRAWN).toBeGreaterThanOrEqual(8);
    expect(status.WITHDRAWN).toBeLessThanOrEqual(40);
    expect(status.REJECTED).toBeGreaterThanOrEqual(4);
    expect(status.REJECTED).toBeLessThanOrEqual(28);
    // An initiative's status agrees with its cycles.
    expect(
      one<{ n: number }>(
        "SELECT count(*) AS n FROM initiatives i WHERE (i.status IN ('WITHDRAWN','REJECTED')) <> EXISTS (SELECT 1 FROM stage_cycles c WHERE c.initiative_id = i.id AND c.outcome = i.status)",
      ).n,
    ).toBe(0);
    expect(
      one<{ n: number }>(
        "SELECT count(*) AS n FROM initiatives i WHERE (i.status = 'LIVE') <> EXISTS (SELECT 1 FROM stage_cycles c WHERE c.initiative_id = i.id AND c.stage = 'ISA' AND c.outcome = 'APPROVED')",
      ).n,
    ).toBe(0);
  });

  it("dates everything from June 2019 to before the synthetic now (2026-11-01)", () => {
    const range = one<{ first: string; last: string }>("SELECT min(created_at) AS first, max(created_at) AS last FROM initiatives");
    expect(range.first >= "2019-06-01").toBe(true);
    expect(range.last < "2026-11-01").toBe(true);
    expect(one<{ last: number }>("SELECT max(at) AS last FROM stage_events").last).toBeLessThan(Date.parse("2026-11-01T00:00:00Z"));
  });

  it("places nearly all events in London working hours on weekdays", () => {
    const fmt = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const ats = all<{ at: number }>("SELECT at FROM stage_events").map((r) => r.at);
    const inHours = ats.filter((at) => {
      const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
      const minutes = Number(parts.hour) * 60 + Number(parts.minute);
      return !["Sat", "Sun"].includes(parts.weekday!) && minutes >= 9 * 60 && minutes <= 17 * 60 + 30;
    });
    expect(inHours.length / ats.length).toBeGreaterThan(0.95);
  });

  it("makes initiatives on ISG approve their DPIA faster than those run by e-mail", () => {
    const median = (tool: string) => {
      const d = all<{ d: number }>(
        "SELECT c.approved_at - c.submitted_at AS d FROM stage_cycles c JOIN initiatives i ON i.id = c.initiative_id WHERE c.stage = 'DPIA' AND c.outcome = 'APPROVED' AND i.tool_slug = ? ORDER BY d",
        tool,
      ).map((r) => r.d);
      expect(d.length).toBeGreaterThan(30);
      return d[Math.floor(d.length / 2)]!;
    };
    expect(median("isg")).toBeLessThan(median("manual") * 0.85);
  });

  it("makes the common DPIA template shorten the DPIA stage", () => {
    const median = (withTemplate: boolean) => {
      const d = all<{ d: number }>(
        `SELECT c.approved_at - c.submitted_at AS d FROM stage_cycles c WHERE c.stage = 'DPIA' AND c.outcome = 'APPROVED'
           AND ${withTemplate ? "" : "NOT"} EXISTS (SELECT 1 FROM initiative_practices p WHERE p.initiative_id = c.initiative_id AND p.practice_slug = 'common-dpia-template') ORDER BY d`,
      ).map((r) => r.d);
      expect(d.length).toBeGreaterThan(30);
      return d[Math.floor(d.length / 2)]!;
    };
    expect(median(true)).toBeLessThan(median(false) * 0.9);
  });

  it("runs each initiative on a tool its lead borough had adopted when the initiative was created", () => {
    const mismatches = one<{ n: number }>(
      `SELECT count(*) AS n FROM initiatives i WHERE NOT EXISTS (SELECT 1 FROM tool_adoptions a WHERE a.authority_code = i.lead_borough
         AND a.tool_slug = i.tool_slug AND a.from_date <= i.created_at AND (a.to_date IS NULL OR a.to_date > i.created_at))`,
    ).n;
    expect(mismatches).toBe(0);
    const isgBefore2020 = one<{ n: number }>("SELECT count(*) AS n FROM tool_adoptions WHERE tool_slug = 'isg' AND from_date < '2020-11-01'").n;
    const isgAfter = one<{ n: number }>("SELECT count(*) AS n FROM tool_adoptions WHERE tool_slug = 'isg' AND from_date >= '2020-11-01'").n;
    expect(isgAfter).toBeGreaterThan(isgBefore2020);
  });

  it("makes some boroughs consistently slower to sign off than others", () => {
    const lag = all<{ code: string; d: number }>(
      "SELECT s.authority_code AS code, avg(s.approved_at - c.submitted_at) AS d FROM borough_signoffs s JOIN stage_cycles c USING (initiative_id, stage) GROUP BY s.authority_code HAVING count(*) > 20 ORDER BY d",
    );
    expect(lag.length).toBeGreaterThan(20);
    expect(lag.at(-1)!.d / lag[0]!.d).toBeGreaterThan(1.5);
  });

  it("has partner organisations that sign (most) or observe (some), the police and NHS trusts last to sign more often than boroughs", () => {
    const partners = all<{ signs: number; n: number }>("SELECT signs, count(*) AS n FROM initiative_partners GROUP BY signs ORDER BY signs");
    const [observers, signing] = [partners.find((p) => p.signs === 0)!.n, partners.find((p) => p.signs === 1)!.n];
    expect(signing / (signing + observers)).toBeGreaterThan(0.6);
    expect(observers).toBeGreaterThan(10);
    // Every sign-off of a stage with two or more signers, and its signer's kind.
    const rows = all<{ initiative_id: string; stage: string; code: string; kind: string; at: number }>(
      `SELECT s.initiative_id, s.stage, s.authority_code AS code, 'BOROUGH' AS kind, s.approved_at AS at FROM borough_signoffs s
       UNION ALL SELECT s.initiative_id, s.stage, s.organisation_slug, o.kind, s.approved_at FROM partner_signoffs s JOIN organisations o ON o.slug = s.organisation_slug`,
    );
    const stages = new Map<string, typeof rows>();
    for (const r of rows) stages.set(`${r.initiative_id}/${r.stage}`, [...(stages.get(`${r.initiative_id}/${r.stage}`) ?? []), r]);
    const tally = new Map<string, { last: number; signed: number }>();
    for (const signers of stages.values()) {
      if (signers.length < 2) continue;
      const lastAt = Math.max(...signers.map((r) => r.at));
      for (const r of signers) {
        const t = tally.get(r.kind) ?? { last: 0, signed: 0 };
        t.signed++;
        if (r.at === lastAt) t.last++;
        tally.set(r.kind, t);
      }
    }
    const share = (kind: string) => tally.get(kind)!.last / tally.get(kind)!.signed;
    expect(tally.get("POLICE")!.signed).toBeGreaterThan(20);
    expect(share("POLICE")).toBeGreaterThan(1.5 * share("BOROUGH"));
    expect(share("NHS_TRUST")).toBeGreaterThan(1.3 * share("BOROUGH"));
  });

  it("records DPO reviews after the submission and before the same signer's sign-off: for every signer of an ISA on ISG, many at ISG's other stages, few elsewhere", () => {
    const reviews = all<{ tool: string; signer: string | null; at: number; submitted: number; approved: number | null }>(
      `SELECT i.tool_slug AS tool, COALESCE(e.authority_code, e.organisation_slug) AS signer, e.at, c.submitted_at AS submitted,
         (SELECT a.at FROM stage_events a WHERE a.initiative_id = e.initiative_id AND a.stage = e.stage AND a.kind = 'APPROVED'
            AND COALESCE(a.authority_code, a.organisation_slug) = COALESCE(e.authority_code, e.organisation_slug)
            AND NOT EXISTS (SELECT 1 FROM stage_events r WHERE r.retracts = a.id)) AS approved
       FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id JOIN stage_cycles c ON c.initiative_id = e.initiative_id AND c.stage = e.stage
       WHERE e.kind = 'DPO_REVIEWED'`,
    );
    expect(reviews.length).toBeGreaterThan(100);
    for (const r of reviews) {
      expect(r.signer).not.toBeNull();
      expect(r.at).toBeGreaterThan(r.submitted);
      if (r.approved !== null) expect(r.at).toBeLessThan(r.approved);
    }
    // The share of signers' APPROVED events with a review before them: on the other tools, at ISG's other stages, at ISG's ISA.
    const shares = all<{ isg: number; share: number }>(
      `SELECT CASE WHEN i.tool_slug <> 'isg' THEN 0 WHEN a.stage <> 'ISA' THEN 1 ELSE 2 END AS isg, avg(CASE WHEN EXISTS (SELECT 1 FROM stage_events d WHERE d.kind = 'DPO_REVIEWED' AND d.initiative_id = a.initiative_id AND d.stage = a.stage
         AND COALESCE(d.authority_code, d.organisation_slug) = COALESCE(a.authority_code, a.organisation_slug)) THEN 1.0 ELSE 0.0 END) AS share
       FROM stage_events a JOIN initiatives i ON i.id = a.initiative_id WHERE a.kind = 'APPROVED' AND COALESCE(a.authority_code, a.organisation_slug) IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(shares.map((r) => Number(r.isg))).toEqual([0, 1, 2]);
    expect(shares[0]!.share).toBeLessThan(0.3);
    expect(shares[1]!.share).toBeGreaterThan(0.45);
    expect(Number(shares[2]!.share)).toBe(1);
  });

  it("makes a few corrections: a sign-off keyed in too early, retracted with a reason, and the right one recorded when it was retracted", () => {
    const corrections = all<{ r_stage: string; r_init: string; r_at: number; reason: string | null; t_init: string; t_stage: string; t_kind: string; t_signer: string | null; t_at: number; t_recorded: number; id: number }>(
      `SELECT r.initiative_id AS r_init, r.stage AS r_stage, r.at AS r_at, r.reason, t.id, t.initiative_id AS t_init, t.stage AS t_stage, t.kind AS t_kind,
         COALESCE(t.authority_code, t.organisation_slug) AS t_signer, t.at AS t_at, t.recorded_at AS t_recorded
       FROM stage_events r JOIN stage_events t ON t.id = r.retracts WHERE r.kind = 'RETRACTED'`,
    );
    const approvals = one<{ n: number }>("SELECT count(*) AS n FROM stage_events WHERE kind = 'APPROVED'").n;
    expect(corrections.length).toBeGreaterThan(3);
    expect(corrections.length / approvals).toBeLessThan(0.01);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM stage_events WHERE kind = 'RETRACTED'").n).toBe(corrections.length);
    for (const c of corrections) {
      expect([c.t_init, c.t_stage, c.t_kind]).toEqual([c.r_init, c.r_stage, "APPROVED"]);
      expect(c.t_signer).not.toBeNull();
      expect(c.reason).toMatch(/wrong date/);
      expect(c.r_at).toBeGreaterThan(c.t_recorded);
      // The same signer's effective APPROVED of that stage: later than the mistaken date, recorded after the retraction.
      const right = all<{ at: number; recorded_at: number }>(
        `SELECT at, recorded_at FROM stage_events a WHERE a.initiative_id = ? AND a.stage = ? AND a.kind = 'APPROVED' AND a.id <> ?
           AND COALESCE(a.authority_code, a.organisation_slug) = ?`,
        c.t_init,
        c.t_stage,
        c.id,
        c.t_signer,
      );
      expect(right).toHaveLength(1);
      expect(right[0]!.at).toBeGreaterThan(c.t_at);
      expect(right[0]!.recorded_at).toBeGreaterThan(c.r_at);
    }
  });

  it("refuses a second load into the same database", () => {
    expect(() => generateSynthetic(db, { size: 10, seed: 1 })).toThrow(SyntheticRefusedError);
    expect(() => generateSynthetic(db, { size: 10, seed: 1 })).toThrow(/already holds 400 initiatives/);
  });
});

describe("generateSynthetic: refusals and sizes", () => {
  it("never writes synthetic data into a database marked as holding imported data", () => {
    const db = openDb(":memory:");
    try {
      setMeta(db.sql, "dataset", "imported");
      expect(() => generateSynthetic(db, { size: 5, seed: 1 })).toThrow(/holds imported data/);
      expect((db.sql.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });

  it("resolves the named sizes and rejects sizes out of range", () => {
    expect(resolveSize("demo")).toBe(400);
    expect(resolveSize("large")).toBe(100_000);
    expect(resolveSize(25)).toBe(25);
    expect(() => resolveSize(0)).toThrow(RangeError);
    expect(() => resolveSize(1.5)).toThrow(RangeError);
    expect(() => resolveSize("huge" as "demo")).toThrow(RangeError);
  });

  it("labels a numeric size above 1,000 initiatives as a large data set", () => {
    const db = seeded(1001, 3);
    try {
      expect(getMeta(db.sql, "dataset")).toBe("large");
    } finally {
      db.close();
    }
  });
});
