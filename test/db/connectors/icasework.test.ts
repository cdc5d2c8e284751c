import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ICaseworkError, compareWithStored, parseSyncSettings, syncICasework, type ICaseworkSyncOptions, type ICaseworkSyncSettings, type StoredSyncEvent } from "../../../db/connectors/icasework/index.js";
import { MappingFileError, formatMappingProblem } from "../../../db/mapping/index.js";
import { WriteSession } from "../../../db/writes/index.js";
import type { HubDb } from "../../../db/connection.js";
import { freshDb } from "../import/helpers.js";
import { startStub, type Stub, type StubCase } from "./icasework.stub.js";

const API_KEY = "hub-test-key";
const SECRET = "a-secret-key-of-the-test-only-0123456789";

const person = (n: number) => ({
  label: `Data sharing - Person${n} Examplename`,
  fullName: `Examplename, Person${n}`,
  email: `person${n}@example.invalid`,
  address: `${n} Example Street\nExampletown`,
  postcode: `ZZ9${n} 9ZZ`,
  dateOfBirth: `1970-01-0${n}`,
  phone: `07700 90012${n}`,
});

function stubCases(): StubCase[] {
  return [
    {
      CaseId: "1001", CaseType: "Data sharing request", Status: "Closed", DateReceived: "2024-02-01", DateClosed: "2024-03-16",
      stages: [{ DateDue: "2024-02-29", DateCompleted: "2024-02-20", Outcome: "Approved", OutcomeBy: "IG Team" }, { DateReceived: "2024-02-21", DateCompleted: "2024-03-15", Outcome: "Signed", OutcomeBy: "Someone Else" }],
      personal: person(1),
    },
    { CaseId: "1002", CaseType: "Data sharing request", Status: "Withdrawn", DateReceived: "2024-04-02", DateWithdrawn: "2024-04-30", stages: [{ DateDue: "2024-04-30" }], personal: person(2) },
    { CaseId: "1003", CaseType: "Complaint", Status: "Open", DateReceived: "2024-04-03", stages: [{}], personal: person(3) },
    { CaseId: "1004", CaseType: "DPIA request", Status: "Closed", DateReceived: "2024-05-07", stages: [{ DateCompleted: "2024-05-28", Outcome: "Rejected", OutcomeBy: "IG Team" }], personal: person(4) },
    { CaseId: "1005", CaseType: "data sharing REQUEST", Status: "Open", DateReceived: "2024-06-10", stages: [{ DateCompleted: "2024-06-24T16:05:00", Outcome: "Approved with conditions" }, { DateReceived: "2024-06-25" }], personal: person(5) },
  ];
}

const SETTINGS: ICaseworkSyncSettings = {
  caseTypes: ["Data sharing request", "DPIA request"],
  stages: { 1: "DPIA", 2: "ISA" },
  leadBorough: "E09000030",
  outcomes: { Rejected: "REJECTED" },
  signers: { "IG Team": "E09000030" },
};

let stub: Stub;
afterEach(async () => stub?.close());

async function start(): Promise<ICaseworkSyncOptions> {
  stub = await startStub({ apiKey: API_KEY, secretKey: SECRET, cases: stubCases() });
  return { baseUrl: stub.baseUrl, apiKey: API_KEY, secretKey: SECRET, settings: SETTINGS };
}

/** The error a sync stops with. */
async function failure(options: ICaseworkSyncOptions): Promise<{ kind: string; message: string }> {
  try {
    await syncICasework(options);
  } catch (err) {
    if (err instanceof ICaseworkError) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error("the sync did not fail");
}

const EMPTY_STAGE = { dateReceived: "", dateDue: "", dateCompleted: "", outcome: "", outcomeBy: "" };

const ev = (initiative: string, stage: string, kind: string, at: string, ref: string, borough = "") => ({ initiative_id: initiative, stage, borough, kind, at, source: "icasework", source_ref: ref });

const EXPECTED_EVENTS = [
  ev("icase-1001", "DPIA", "SUBMITTED", "2024-02-01", "1001:stage1:received"),
  ev("icase-1001", "DPIA", "APPROVED", "2024-02-20", "1001:stage1:completed", "E09000030"),
  ev("icase-1001", "ISA", "SUBMITTED", "2024-02-21", "1001:stage2:received"),
  ev("icase-1001", "ISA", "APPROVED", "2024-03-15", "1001:stage2:completed"),
  ev("icase-1002", "DPIA", "SUBMITTED", "2024-04-02", "1002:stage1:received"),
  ev("icase-1002", "DPIA", "WITHDRAWN", "2024-04-30", "1002:withdrawn"),
  ev("icase-1004", "DPIA", "SUBMITTED", "2024-05-07", "1004:stage1:received"),
  ev("icase-1004", "DPIA", "REJECTED", "2024-05-28", "1004:stage1:completed", "E09000030"),
  ev("icase-1005", "DPIA", "SUBMITTED", "2024-06-10", "1005:stage1:received"),
  ev("icase-1005", "DPIA", "APPROVED", "2024-06-24T16:05:00+01:00", "1005:stage1:completed"),
  ev("icase-1005", "ISA", "SUBMITTED", "2024-06-25", "1005:stage2:received"),
];

/** Writes a sync's records as `hub sync icasework` will: one session, initiatives then events. */
function write(db: HubDb, r: { initiatives: { id: string }[]; events: unknown[] }) {
  const session = new WriteSession(db, { actor: "sync:icasework", importLabel: "icasework", now: () => 1 }).begin();
  for (const i of r.initiatives) session.addInitiative(i as Parameters<WriteSession["addInitiative"]>[0], { file: "icasework", line: 0 });
  for (const e of r.events) session.addEvent(e as Parameters<WriteSession["addEvent"]>[0], { file: "icasework", line: 0 });
  return session.finish();
}

function stored(db: HubDb): StoredSyncEvent[] {
  return db.sql.prepare("SELECT initiative_id, stage, authority_code AS borough, kind, at, source_ref FROM stage_events WHERE source = 'icasework' ORDER BY id").all() as StoredSyncEvent[];
}

describe("iCasework sync against a stub of its API", () => {
  it("first sync: a token, the case list, each IG case's details → cases, initiatives and stage events", async () => {
    const options = await start();
    const r = await syncICasework(options);
    expect(stub.requests).toEqual(["POST /token", "GET /getcases?Format=json", "GET /getcasedetails?CaseId=1001&Format=xml", "GET /getcasedetails?CaseId=1002&Format=xml", "GET /getcasedetails?CaseId=1004&Format=xml", "GET /getcasedetails?CaseId=1005&Format=xml"]);
    expect({ listed: r.listed, otherTypes: r.otherTypes }).toEqual({ listed: 5, otherTypes: 1 });
    expect(r.cases[0]).toEqual({
      caseId: "1001",
      caseType: "Data sharing request",
      status: "Closed",
      dateReceived: "2024-02-01",
      stages: [
        { dateReceived: "", dateDue: "2024-02-29", dateCompleted: "2024-02-20", outcome: "Approved", outcomeBy: "IG Team" },
        { dateReceived: "2024-02-21", dateDue: "", dateCompleted: "2024-03-15", outcome: "Signed", outcomeBy: "Someone Else" },
        EMPTY_STAGE,
        EMPTY_STAGE,
      ],
      dateWithdrawn: "",
      dateClosed: "2024-03-16",
    });
    expect(r.cases.map((c) => [c.caseId, c.caseType, c.status, c.dateWithdrawn])).toEqual([
      ["1001", "Data sharing request", "Closed", ""],
      ["1002", "Data sharing request", "Withdrawn", "2024-04-30"],
      ["1004", "DPIA request", "Closed", ""],
      ["1005", "data sharing REQUEST", "Open", ""],
    ]);
    const initiative = (n: string, type: string, created: string) => ({
      id: `icase-${n}`, title: `${type} ${n}`, lead_borough: "E09000030", boroughs: ["E09000030"], partners: [], partnerNames: {}, tool: "icase", practices: [], status: "", created_at: created, compareCreatedAt: true,
    });
    expect(r.initiatives).toEqual([
      initiative("1001", "Data sharing request", "2024-02-01"),
      initiative("1002", "Data sharing request", "2024-04-02"),
      initiative("1004", "DPIA request", "2024-05-07"),
      initiative("1005", "data sharing REQUEST", "2024-06-10"),
    ]);
    expect(r.events).toEqual(EXPECTED_EVENTS);
  });

  it("keeps no personal field of a case: not in the cases, the records, the database or a message", async () => {
    const options = await start();
    const r = await syncICasework(options);
    const db = freshDb();
    expect(write(db, r).errors).toEqual([]);
    const everything = JSON.stringify([r, ...["initiatives", "initiative_boroughs", "organisations", "stage_events", "stage_cycles", "audit_log"].map((t) => db.sql.prepare(`SELECT * FROM ${t}`).all())]);
    stub.fault.malformedXmlFor = "1004";
    const message = (await failure(options)).message;
    for (const c of stubCases())
      for (const value of [...Object.values(c.personal), "Person", "Examplename", "example.invalid", "Notes about", "Withdrawn at the request"]) {
        expect(everything).not.toContain(value);
        expect(message).not.toContain(value);
      }
  });

  it("a re-sync gives the same output, and against the stored events adds nothing", async () => {
    const options = await start();
    const first = await syncICasework(options);
    const db = freshDb();
    write(db, first);
    const again = await syncICasework(options);
    expect(again).toEqual(first);
    const cmp = compareWithStored(again, stored(db));
    expect({ added: cmp.added, changed: cmp.changed, vanished: cmp.vanished, unchanged: cmp.unchanged.length }).toEqual({ added: [], changed: [], vanished: [], unchanged: 11 });
    const summary = write(db, again);
    expect({ errors: summary.errors, eventsAdded: summary.eventsAdded, eventsUnchanged: summary.eventsUnchanged }).toEqual({ errors: [], eventsAdded: 0, eventsUnchanged: 11 });
  });

  it("a changed DateCompleted comes back under the same reference and is listed as a change; a withdrawal is a new event", async () => {
    const options = await start();
    const db = freshDb();
    write(db, await syncICasework(options));
    stub.cases[0]!.stages[1]!.DateCompleted = "2024-03-18";
    stub.cases[4]!.DateWithdrawn = "2024-07-01";
    stub.cases[3]!.stages[0]!.DateCompleted = "";
    const r = await syncICasework(options);
    const old = stored(db);
    const cmp = compareWithStored(r, old);
    expect(cmp.added).toEqual([ev("icase-1005", "ISA", "WITHDRAWN", "2024-07-01", "1005:withdrawn")]);
    expect(cmp.changed).toEqual([
      { sourceRef: "1001:stage2:completed", fields: ["at"], stored: old.find((e) => e.source_ref === "1001:stage2:completed"), now: ev("icase-1001", "ISA", "APPROVED", "2024-03-18", "1001:stage2:completed"), revisedRef: "1001:stage2:completed@r2" },
    ]);
    expect(cmp.vanished).toEqual([{ initiative_id: "icase-1004", stage: "DPIA", borough: "E09000030", kind: "REJECTED", at: Date.UTC(2024, 4, 27, 23), source_ref: "1004:stage1:completed" }]);
    expect(cmp.unchanged).toHaveLength(9);
  });

  it("compares with the live revision of a reference: retracted events and RETRACTED rows are not stored history", () => {
    const initiatives = [{ id: "icase-1" }] as never[];
    const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const row = (ref: string, date: string, retracted = false, kind = "APPROVED"): StoredSyncEvent => ({ initiative_id: "icase-1", stage: "ISA", borough: null, kind, at: at(date), source_ref: ref, retracted });
    // Corrected once (15 → 18 March): the original retracted, its revision r2 live.
    const stored = [row("1:stage2:completed", "2024-03-15", true), row("1:stage2:completed@r2", "2024-03-18"), row("1:stage2:completed:retracted", "2024-03-20", false, "RETRACTED")];
    const same = compareWithStored({ initiatives, events: [ev("icase-1", "ISA", "APPROVED", "2024-03-18", "1:stage2:completed")] }, stored);
    expect(same).toEqual({ added: [], changed: [], vanished: [], unchanged: [ev("icase-1", "ISA", "APPROVED", "2024-03-18", "1:stage2:completed@r2")] });
    // Changed back to the first date: a new revision, never a reference used before.
    const back = compareWithStored({ initiatives, events: [ev("icase-1", "ISA", "APPROVED", "2024-03-15", "1:stage2:completed")] }, stored);
    expect(back.changed.map((c) => [c.stored.source_ref, c.revisedRef])).toEqual([["1:stage2:completed@r2", "1:stage2:completed@r3"]]);
    // Gone from iCasework: the live revision vanished, not the retracted original.
    expect(compareWithStored({ initiatives, events: [] }, stored).vanished.map((e) => e.source_ref)).toEqual(["1:stage2:completed@r2"]);
  });

  it("reads only cases received on or after --since, through getcases' From", async () => {
    const options = await start();
    const r = await syncICasework({ ...options, since: "2024-05-01" });
    expect(stub.requests.slice(0, 2)).toEqual(["POST /token", "GET /getcases?Format=json&From=2024-05-01"]);
    expect(r.initiatives.map((i) => i.id)).toEqual(["icase-1004", "icase-1005"]);
  });

  it("stops with one line for wrong credentials, an unreachable host, a timeout, a 5xx and malformed answers", async () => {
    const options = await start();
    const where = (path: string) => `${stub.baseUrl}${path}`;
    expect(await failure({ ...options, secretKey: "not-the-secret-key-of-this-account-000" })).toEqual({
      kind: "credentials",
      message: `iCasework refused the API key and secret key (HTTP 401 to POST token at ${where("token")}); expected the key pair issued for this iCasework account (and, if it is bound to IP addresses, a request from one of them)`,
    });
    expect(stub.requests).toEqual(["POST /token"]);
    stub.fault.tokenStatus = 400;
    expect(await failure(options)).toMatchObject({ kind: "credentials", message: expect.stringMatching(/^iCasework refused the API key and secret key \(HTTP 400 to POST token at /) });
    stub.fault = { tokenStatus: 404 };
    expect(await failure(options)).toEqual({ kind: "http", message: `iCasework answered HTTP 404 to POST token at ${where("token")}; expected 200` });
    stub.fault = { getcasesStatus: 500 };
    expect(await failure(options)).toEqual({ kind: "server", message: `iCasework failed (HTTP 500 to GET getcases at ${where("getcases")}); expected 200 — nothing was written, try again later` });
    stub.fault = { malformedJson: true };
    expect(await failure(options)).toEqual({ kind: "malformed", message: expect.stringMatching(/^iCasework's answer to GET getcases is not valid JSON \(.+\); expected a JSON array of cases$/) });
    stub.fault = { malformedXmlFor: "1002" };
    expect(await failure(options)).toEqual({ kind: "malformed", message: expect.stringMatching(/^iCasework's answer to GET getcasedetails\?CaseId=1002 is not valid XML \(line \d+: .+\); expected <Cases><Case>…<\/Case><\/Cases>$/) });
    stub.fault = { delayMs: 1500 };
    expect(await failure({ ...options, timeoutMs: 200 })).toEqual({ kind: "timeout", message: `iCasework did not answer POST token at ${where("token")} within 0.2 s; expected an answer (check the network, or allow longer with --timeout)` });
    const port = await closedPort();
    expect(await failure({ ...options, baseUrl: `http://127.0.0.1:${port}/` })).toEqual({
      kind: "unreachable",
      message: `cannot reach iCasework at http://127.0.0.1:${port}/token (ECONNREFUSED) for POST token; expected the base URL of your iCasework, e.g. https://{account}.icasework.com/`,
    });
  });

  it("refuses settings it could not map with before asking iCasework anything", async () => {
    const options = await start();
    expect(await failure({ ...options, settings: { ...SETTINGS, stages: { 1: "SIGNOFF" }, leadBorough: "E0900" }, since: "1/5/2024" })).toEqual({
      kind: "settings",
      message: 'iCasework sync settings: lead borough "E0900" is not a London GSS code; expected E09000001..E09000033 (the council whose iCasework this is); stage 1 maps to "SIGNOFF"; expected one of IDEA, CONCEPT, DPIA, ISA, REVIEW',
    });
    expect(await failure({ ...options, since: "1/5/2024" })).toEqual({ kind: "settings", message: '--since "1/5/2024" is not a date; expected YYYY-MM-DD (cases received on or after it are read)' });
    expect(await failure({ ...options, baseUrl: "icasework.example" })).toEqual({ kind: "settings", message: '--base-url "icasework.example" is not a URL; expected the base URL of your iCasework, e.g. https://{account}.icasework.com/' });
    expect(stub.requests).toEqual([]);
  });
});

describe("parseSyncSettings", () => {
  it("reads the settings file", () => {
    const text = "case_types: [Data sharing request, DPIA request]\nlead_borough: E09000030\nstages: { 1: DPIA, 2: ISA }\noutcomes:\n  Rejected: REJECTED\nsigners:\n  IG Team: E09000030\n";
    expect(parseSyncSettings(text, "s.yaml")).toEqual(SETTINGS);
  });

  it("names the line and key of a problem", () => {
    let problems: string[] = [];
    try {
      parseSyncSettings("case_types: [A]\nlead_borough: E09000030\nstages:\n  5: ISA\nsignrs: {}\n", "s.yaml");
    } catch (err) {
      problems = (err as MappingFileError).problems.map(formatMappingProblem);
    }
    expect(problems).toEqual([
      's.yaml:4: stages.5: expected an iCasework stage 1, 2, 3 or 4, got "5"',
      "s.yaml:5: signrs: unknown key; expected one of case_types, lead_borough, stages, outcomes, signers",
    ]);
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
