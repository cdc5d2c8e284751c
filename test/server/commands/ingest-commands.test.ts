import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Command } from "commander";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "../../../db/connection.js";
import { createHub } from "../../../server/app.js";
import { commands } from "../../../server/commands/index.js";
import { loadConfig } from "../../../server/config.js";
import { registerMappingCommand } from "../../../server/commands/mapping.command.js";
import { registerSyncCommand } from "../../../server/commands/sync.command.js";
import { londonDate } from "../../../analytics/working-days.js";
import { counts, snapshot } from "../../db/import/helpers.js";
import { startStub, type Stub, type StubCase } from "../../db/connectors/icasework.stub.js";

const WEISF = fileURLToPath(new URL("../../../db/mapping/samples/weisf.sample.csv", import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-ingest-cmd-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let dbCount = 0;
const newDbPath = () => join(dir, `hub-${++dbCount}.db`);

/** Runs `hub ...` in process with every registered command; what it printed, its exit code, or the one-line error the CLI would print. */
async function hub(...args: string[]): Promise<{ out: string; err: string; exitCode: number; thrown?: string }> {
  const program = new Command().exitOverride();
  for (const register of commands) register(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  process.exitCode = undefined;
  let thrown: string | undefined;
  try {
    await program.parseAsync(["node", "hub", ...args]);
  } catch (e) {
    if (!(e as { userFacing?: boolean }).userFacing) throw e;
    thrown = (e as Error).message;
  } finally {
    log.mockRestore();
    error.mockRestore();
    stderr.mockRestore();
  }
  const exitCode = thrown !== undefined ? 2 : Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out: out.join("\n"), err: err.join("\n"), exitCode, ...(thrown !== undefined ? { thrown } : {}) };
}

/** ISA cycle times (calendar days) as the graph answers them, from a hub over the database file. */
async function isaCycleTimes(dbPath: string): Promise<unknown> {
  const db = openDb(dbPath);
  const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath, logLevel: "silent" as const, seedDemo: false };
  const app = await createHub({ config, db, resolveViewer: async () => ({ role: "admin", keyId: "key-admin", boroughs: [] }) });
  try {
    const query = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"] }) { stage count approvedCount median } }`;
    const res = await fetch(app.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    return ((await res.json()) as { data: { cycleTimes: unknown } }).data.cycleTimes;
  } finally {
    await app.close();
    db.close();
  }
}

function tables(dbPath: string) {
  const db = openDb(dbPath);
  try {
    // When a row was written differs between two imports of the same data; what was written must not.
    const rows = Object.fromEntries(Object.entries(snapshot(db)).map(([t, list]) => [t, list.map((r) => ({ ...(r as object), recorded_at: undefined }))]));
    return { counts: counts(db), snapshot: rows };
  } finally {
    db.close();
  }
}

describe("hub import --mapping", () => {
  it("registers the mapping and sync commands", () => {
    expect(commands).toContain(registerMappingCommand);
    expect(commands).toContain(registerSyncCommand);
  });

  it("imports the weisf sample through the preset, and a second import adds nothing", async () => {
    const db = newDbPath();
    const first = await hub("import", "--mapping", "weisf", WEISF, "--lead-borough", "E09000016", "--as-of", "2025-06-01", "--db", db);
    expect(first.exitCode).toBe(0);
    const [counted, ...quality] = first.out.split("\n");
    expect(counted).toMatch(/^imported 5 initiatives new, 0 unchanged; \d+ events new, 0 unchanged$/);
    // The sample's review dates (31/03/2024, 1 March 2025, 2025-05-31) are past and no review is recorded; 2030-01-01 is after --as-of, a plan.
    const today = londonDate(Date.now());
    const passed = (id: string, due: string) =>
      `warning REVIEW_DATE_PASSED weisf-sample-protocol-${id} REVIEW: the review fell due on ${due}, before the day it came in (${today}), and no REVIEW approval is recorded since; expected the review to be done or its date moved`;
    expect(quality).toEqual([
      "quality: 0 skipped as already present, 0 corrections, 3 warnings (run 1 in ingestRuns)",
      passed("a-hospital-discharge", "2024-03-31"),
      passed("d-youth-offending", "2025-03-01"),
      passed("e-adult-safeguarding", "2025-05-31"),
    ]);
    const after = tables(db);
    expect(after.counts.initiatives).toBe(5);
    const again = await hub("import", "--mapping", "weisf", WEISF, "--lead-borough", "E09000016", "--as-of", "2025-06-01", "--db", db);
    expect(again.out).toMatch(/^imported 0 initiatives new, 5 unchanged; 0 events new, (\d+) unchanged\nquality: (\d+) skipped as already present, 0 corrections, 0 warnings \(run 2 in ingestRuns\)$/);
    const [, events, skipped] = /(\d+) unchanged\n.*?(\d+) skipped/.exec(again.out)!;
    expect(Number(skipped)).toBe(5 + Number(events));
    expect(tables(db).snapshot).toEqual(after.snapshot);
  });

  it("--from weisf is the weisf preset: the same rows as --mapping weisf", async () => {
    const viaPreset = newDbPath();
    const viaFrom = newDbPath();
    await hub("import", "--mapping", "weisf", WEISF, "--lead-borough", "E09000016", "--as-of", "2025-06-01", "--db", viaPreset);
    const r = await hub("import", "--from", "weisf", WEISF, "--lead-borough", "E09000016", "--as-of", "2025-06-01", "--db", viaFrom);
    expect(r.exitCode).toBe(0);
    expect(tables(viaFrom).snapshot).toEqual(tables(viaPreset).snapshot);
  });

  it("imports with a mapping file written from scratch; a bad row refuses the whole export, naming line and column", async () => {
    const mapping = join(dir, "mine.yaml");
    writeFileSync(
      mapping,
      `tool: manual
columns:
  ref: Ref
  name: Project
  lead: Lead council
  sent: Sent on
initiative:
  id: "mine-{ref}"
  title: name
participants:
  lead: lead
events:
  - stage: DPIA
    kind: SUBMITTED
    date: { column: sent, format: uk }
`,
    );
    const good = join(dir, "mine.csv");
    writeFileSync(good, "Ref,Project,Lead council,Sent on\n1,Shared care records,Camden,03/02/2025\n2,Youth offending,Hackney,10/02/2025\n");
    const bad = join(dir, "mine-bad.csv");
    writeFileSync(bad, "Ref,Project,Lead council,Sent on\n1,Shared care records,Camden,03/02/2025\n2,Youth offending,Hackney,31/02/2025\n");
    const db = newDbPath();
    const refused = await hub("import", "--mapping", mapping, bad, "--db", db);
    expect(refused.thrown).toBeUndefined();
    expect(refused.exitCode).toBe(1);
    expect(refused.err).toMatch(new RegExp(`^${bad.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}:3: column 4 \\(Sent on\\): `));
    expect(refused.err).toMatch(/import refused: 1 errors; nothing was written/);
    expect(tables(db).counts.initiatives).toBe(0);
    const done = await hub("import", "--mapping", mapping, good, "--db", db);
    expect(done.out).toBe("imported 2 initiatives new, 0 unchanged; 2 events new, 0 unchanged\nquality: 0 skipped as already present, 0 corrections, 0 warnings (run 2 in ingestRuns)");
    const db2 = openDb(db);
    expect(db2.sql.prepare("SELECT id, lead_borough AS lead FROM initiatives ORDER BY id").all()).toEqual([
      { id: "mine-1", lead: "E09000007" },
      { id: "mine-2", lead: "E09000012" },
    ]);
    db2.close();
  });

  it("refuses flags that do not go together, with one line", async () => {
    expect((await hub("import", "--mapping", "weisf", "--db", newDbPath())).thrown).toBe("--mapping weisf needs the export file: hub import --mapping weisf EXPORT.csv|.xlsx");
    expect((await hub("import", "--from", "nope", WEISF, "--db", newDbPath())).thrown).toBe('--from: no preset for tool "nope"; expected one of weisf, isg, dcc, icasework (or --mapping FILE for a mapping file of your own)');
    expect((await hub("import", "--mapping", "nope", WEISF, "--db", newDbPath())).thrown).toBe('no mapping file "nope" and no preset of that name; expected a YAML mapping file or one of weisf, isg, dcc, icasework');
  });
});

describe("hub mapping check", () => {
  it("accepts a preset and shows what the first rows of its sample become", async () => {
    const r = await hub("mapping", "check", "weisf", WEISF, "--rows", "1", "--lead-borough", "E09000016", "--as-of", "2025-06-01");
    expect(r.exitCode).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^weisf: a valid mapping for tool weisf \(\d+ event rules?, columns .+\)$/);
    expect(lines[1]).toBe("line 2:");
    expect(lines[2]).toMatch(/^ {2}initiative \S+: ".+", lead E09\d{6}, /);
    expect(lines.at(-1)).toMatch(/^\.\.\. and 4 more rows$/);
  });

  it("names the line and key of each problem in a mapping file", async () => {
    const mapping = join(dir, "broken.yaml");
    writeFileSync(mapping, "tool: manual\ncolumns:\n  ref: Ref\ninitiative:\n  id: \"x-{ref}\"\n  title: nope\n  colour: red\n");
    const r = await hub("mapping", "check", mapping);
    expect(r.exitCode).toBe(1);
    const lines = r.err.split("\n");
    expect(lines.at(-1)).toMatch(/^mapping refused: \d+ problems?$/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(new RegExp(`^${mapping.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}:\\d+: initiative\\.\\w+: `));
    expect(r.err).toMatch(/:7: initiative\.colour: /);
  });
});

const API_KEY = "hub-cli-test-key";
const SECRET = "a-secret-key-of-the-cli-test-0123456789";
const person = (n: number) => ({ label: `Case of Person${n}`, fullName: `Examplename, Person${n}`, email: `person${n}@example.invalid`, address: `${n} Example Street`, postcode: `ZZ9${n} 9ZZ`, dateOfBirth: `1970-01-0${n}`, phone: `07700 90012${n}` });
const cases = (): StubCase[] => [
  {
    CaseId: "2001", CaseType: "Data sharing request", Status: "Closed", DateReceived: "2024-02-01",
    stages: [{ DateCompleted: "2024-02-20", Outcome: "Approved", OutcomeBy: "IG Team" }, { DateReceived: "2024-02-21", DateCompleted: "2024-03-15", Outcome: "Signed" }],
    personal: person(1),
  },
  { CaseId: "2002", CaseType: "Data sharing request", Status: "Withdrawn", DateReceived: "2024-04-02", DateWithdrawn: "2024-04-30", stages: [{}], personal: person(2) },
  { CaseId: "2003", CaseType: "Complaint", Status: "Open", DateReceived: "2024-04-03", stages: [{}], personal: person(3) },
];

describe("hub sync icasework (against the local stub)", () => {
  let stub: Stub;
  afterEach(async () => stub?.close());

  async function setup() {
    stub = await startStub({ apiKey: API_KEY, secretKey: SECRET, cases: cases() });
    const settings = join(dir, "sync.yaml");
    writeFileSync(settings, "case_types: [Data sharing request]\nlead_borough: E09000030\nstages: { 1: DPIA, 2: ISA }\nsigners: { IG Team: E09000030 }\n");
    const db = newDbPath();
    const sync = (...extra: string[]) => hub("sync", "icasework", "--base-url", stub.baseUrl, "--api-key", API_KEY, "--secret-key", SECRET, "--settings", settings, "--db", db, ...extra);
    return { db, sync };
  }

  it("writes the IG cases; a re-sync adds nothing; no personal field reaches the database", async () => {
    const { db, sync } = await setup();
    const first = await sync();
    expect(first).toEqual({
      out: "synced 2 initiatives new, 0 unchanged; 6 events new, 0 unchanged (3 cases listed, 1 not IG cases)\nquality: 0 skipped as already present, 0 corrections, 0 warnings (run 1 in ingestRuns)",
      err: "",
      exitCode: 0,
    });
    const after = tables(db);
    expect(after.counts.initiatives).toBe(2);
    expect(after.counts.stage_events).toBe(6);
    const again = await sync();
    expect(again.out).toBe("synced 0 initiatives new, 2 unchanged; 0 events new, 6 unchanged (3 cases listed, 1 not IG cases)\nquality: 8 skipped as already present, 0 corrections, 0 warnings (run 2 in ingestRuns)");
    expect(tables(db).snapshot).toEqual(after.snapshot);
    const conn = openDb(db);
    const everything = JSON.stringify(["initiatives", "stage_events", "organisations", "audit_log"].map((t) => conn.sql.prepare(`SELECT * FROM ${t}`).all()));
    conn.close();
    for (const p of [person(1), person(2)]) for (const value of Object.values(p)) expect(everything).not.toContain(value);
  });

  it("records a changed stage date as a correction in the sync's transaction; the next sync adds nothing", async () => {
    const { db, sync } = await setup();
    await sync();
    expect(await isaCycleTimes(db)).toEqual([{ stage: "ISA", count: 1, approvedCount: 1, median: 23 }]);
    stub.cases[0]!.stages[1]!.DateCompleted = "2024-03-18";
    const before = tables(db);
    const dry = await sync("--dry-run");
    expect(dry.out.split("\n")[0]).toBe("would correct: 2001:stage2:completed → 2001:stage2:completed@r2 (iCasework: DateCompleted changed from 2024-03-15T00:00:00.000Z to 2024-03-18T00:00:00.000Z)");
    expect(tables(db)).toEqual(before);
    const r = await sync();
    const reason = "iCasework: DateCompleted changed from 2024-03-15T00:00:00.000Z to 2024-03-18T00:00:00.000Z";
    expect(r).toEqual({
      out: [
        `corrected: 2001:stage2:completed → 2001:stage2:completed@r2 (${reason})`,
        "synced 0 initiatives new, 2 unchanged; 2 events new, 5 unchanged (3 cases listed, 1 not IG cases)",
        // 2 initiatives and 5 events unchanged; the one correction is the retraction of the changed DateCompleted.
        "quality: 7 skipped as already present, 1 corrections, 0 warnings (run 2 in ingestRuns)",
      ].join("\n"),
      err: "",
      exitCode: 0,
    });
    const conn = openDb(db);
    const rows = conn.sql
      .prepare("SELECT e.id, e.stage, e.kind, e.at, e.source_ref, e.recorded_by, e.reason, (SELECT t.source_ref FROM stage_events t WHERE t.id = e.retracts) AS retracts FROM stage_events e WHERE e.source_ref LIKE '2001:stage2:completed%' ORDER BY e.id")
      .all() as Record<string, unknown>[];
    conn.close();
    const actor = `sync:icasework:${new URL(stub.baseUrl).host}`;
    // The retraction is written after the session's events (its target may be one of them).
    expect(rows.map(({ id: _id, at, ...rest }) => ({ ...rest, at: rest.kind === "RETRACTED" ? "(sync time)" : new Date(at as number).toISOString() }))).toEqual([
      { stage: "ISA", kind: "APPROVED", at: "2024-03-15T00:00:00.000Z", source_ref: "2001:stage2:completed", recorded_by: actor, reason: null, retracts: null },
      { stage: "ISA", kind: "APPROVED", at: "2024-03-18T00:00:00.000Z", source_ref: "2001:stage2:completed@r2", recorded_by: actor, reason: null, retracts: null },
      { stage: "ISA", kind: "RETRACTED", at: "(sync time)", source_ref: "2001:stage2:completed:retracted", recorded_by: actor, reason, retracts: "2001:stage2:completed" },
    ]);
    expect(await isaCycleTimes(db)).toEqual([{ stage: "ISA", count: 1, approvedCount: 1, median: 26 }]);
    const after = tables(db);
    const again = await sync();
    expect(again).toEqual({
      out: "synced 0 initiatives new, 2 unchanged; 0 events new, 6 unchanged (3 cases listed, 1 not IG cases)\nquality: 8 skipped as already present, 0 corrections, 0 warnings (run 3 in ingestRuns)",
      err: "",
      exitCode: 0,
    });
    expect(tables(db).snapshot).toEqual(after.snapshot);
  });

  it("retracts a stage date that vanished upstream (a DateCompleted set, then empty), the reason saying so; a date that comes back is a new revision", async () => {
    const { db, sync } = await setup();
    await sync();
    expect(await isaCycleTimes(db)).toEqual([{ stage: "ISA", count: 1, approvedCount: 1, median: 23 }]);
    // Case 2001's stage 2 (ISA) was signed on 2024-03-15; iCasework now reports the stage not completed.
    stub.cases[0]!.stages[1]!.DateCompleted = "";
    const before = tables(db);
    const dry = await sync("--dry-run");
    const reason = "iCasework: DateCompleted was 2024-03-15T00:00:00.000Z and is now empty";
    expect(dry.out.split("\n")[0]).toBe(`would retract: 2001:stage2:completed (${reason})`);
    expect(tables(db)).toEqual(before);
    const r = await sync();
    expect(r).toEqual({
      out: [
        `retracted: 2001:stage2:completed (${reason})`,
        // The retraction is the one new event; 2 initiatives and the 5 other events are unchanged.
        "synced 0 initiatives new, 2 unchanged; 1 events new, 5 unchanged (3 cases listed, 1 not IG cases)",
        "quality: 7 skipped as already present, 1 corrections, 0 warnings (run 2 in ingestRuns)",
      ].join("\n"),
      err: "",
      exitCode: 0,
    });
    const conn = openDb(db);
    const rows = () =>
      conn.sql
        .prepare("SELECT e.kind, e.at, e.source_ref, e.reason, (SELECT t.source_ref FROM stage_events t WHERE t.id = e.retracts) AS retracts FROM stage_events e WHERE e.source_ref LIKE '2001:stage2:completed%' ORDER BY e.id")
        .all() as Record<string, unknown>[];
    const shown = () => rows().map(({ at, ...rest }) => ({ ...rest, at: rest.kind === "RETRACTED" ? "(sync time)" : new Date(at as number).toISOString() }));
    expect(shown()).toEqual([
      { kind: "APPROVED", at: "2024-03-15T00:00:00.000Z", source_ref: "2001:stage2:completed", reason: null, retracts: null },
      { kind: "RETRACTED", at: "(sync time)", source_ref: "2001:stage2:completed:retracted", reason, retracts: "2001:stage2:completed" },
    ]);
    // The ISA stage is open again, as upstream: submitted, not approved.
    expect(await isaCycleTimes(db)).toEqual([{ stage: "ISA", count: 1, approvedCount: 0, median: null }]);
    const again = await sync();
    expect(again.out).toBe("synced 0 initiatives new, 2 unchanged; 0 events new, 5 unchanged (3 cases listed, 1 not IG cases)\nquality: 7 skipped as already present, 0 corrections, 0 warnings (run 3 in ingestRuns)");
    // Completed again (another day): a new revision, not the retracted reference reused.
    stub.cases[0]!.stages[1]!.DateCompleted = "2024-03-20";
    expect((await sync()).out.split("\n")[0]).toBe("synced 0 initiatives new, 2 unchanged; 1 events new, 5 unchanged (3 cases listed, 1 not IG cases)");
    expect(shown().at(-1)).toEqual({ kind: "APPROVED", at: "2024-03-20T00:00:00.000Z", source_ref: "2001:stage2:completed@r2", reason: null, retracts: null });
    conn.close();
  });

  it("stops with one line and writes nothing on bad credentials or a 500", async () => {
    const { db, sync } = await setup();
    const bad = await hub("sync", "icasework", "--base-url", stub.baseUrl, "--api-key", API_KEY, "--secret-key", "not-the-secret-key-of-this-account-000", "--settings", join(dir, "sync.yaml"), "--db", db);
    expect(bad.exitCode).toBe(2);
    expect(bad.thrown).toMatch(/^iCasework refused the API key and secret key/);
    expect(bad.thrown).not.toContain("\n");
    stub.fault = { getcasesStatus: 500 };
    const failed = await sync();
    expect(failed.exitCode).toBe(2);
    expect(failed.thrown).toMatch(/^iCasework failed \(HTTP 500 to GET getcases at .+\); expected 200 — nothing was written, try again later$/);
    expect(tables(db).counts.initiatives).toBe(0);
    expect(tables(db).counts.stage_events).toBe(0);
  });

  it("names the flags a sync lacks", async () => {
    expect((await hub("sync", "icasework", "--api-key", "k")).thrown).toBe("sync icasework needs --base-url, --secret-key, --settings");
  });
});
