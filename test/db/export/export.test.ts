import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importFiles } from "../../../db/import/import.service.js";
import { exportEventsCsv, exportEventsXes, exportInitiativesCsv, neutraliseCell, validateExportFilter, type ExportFilter } from "../../../db/export/index.js";
import { restoreFormulaCell } from "../../../db/import/canonical.js";
import type { MetricArgumentError } from "../../../analytics/metrics/index.js";
import type { HubDb } from "../../../db/connection.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, freshDb, tempDir } from "../import/helpers.js";
import { writeSyntheticCsv } from "../import/fixtures.js";
import { toText } from "./to-text.js";

async function exportBoth(db: HubDb, dir: string, tag: string, filter: ExportFilter = {}) {
  const initiatives = join(dir, `${tag}-initiatives.csv`);
  const events = join(dir, `${tag}-events.csv`);
  return {
    initiatives,
    events,
    initiativesText: await toText((out) => exportInitiativesCsv(db, filter, out), initiatives),
    eventsText: await toText((out) => exportEventsCsv(db, filter, out), events),
  };
}

/** A minimal XML reader for the test: checks nesting and quoting, decodes attributes, returns the element tree. */
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
function parseXml(text: string): XmlNode {
  const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, "");
  const root: XmlNode = { name: "#root", attrs: {}, children: [] };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = tag.exec(body)) !== null) {
    pos = tag.lastIndex;
    if (m[5] !== undefined) {
      if (m[5].trim() !== "") throw new Error(`unexpected text ${JSON.stringify(m[5].slice(0, 20))}`);
      continue;
    }
    if (m[1]) {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    const node = { name: m[2]!, attrs, children: [] };
    stack.at(-1)!.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (pos !== body.length) throw new Error(`not well-formed at ${pos}: ${JSON.stringify(body.slice(pos, pos + 30))}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  return root.children[0]!;
}

describe("exports", () => {
  it("export → import into an empty database → export gives byte-identical CSV", async () => {
    const dir = tempDir();
    const gen = await writeSyntheticCsv(dir, 3000, 7);
    const a = freshDb();
    // Purposes, and cells a spreadsheet would run as formulas (OWASP's =, +, -, @) or that begin with a quote.
    const tricky = file(
      dir,
      "tricky.csv",
      [
        "id,title,purpose,lead_borough,boroughs,partners,tool,practices,status,created_at",
        'Z1,"Quotes ""here"", commas, and\na new line",To share data,E09000010,E09000011;E09000010,nhs-nel;met-police,isg,statement-of-intent;common-dpia-template,REJECTED,2023-05-05',
        "Z2,=1+2,-5 days,E09000010,E09000010,,manual,,ACTIVE,2023-05-06",
        "Z3,@x,+44 20 7946 0000,E09000010,E09000010,,manual,,ACTIVE,2023-05-07",
        "Z4,'quoted,'=already neutralised by hand,E09000010,E09000010,,manual,,ACTIVE,2023-05-08",
        "Z5,-5,,E09000010,E09000010,,manual,,ACTIVE,2023-05-09",
        "",
      ].join("\n"),
    );
    const trickyEvents = file(dir, "tricky-events.csv", 'initiative_id,stage,borough,kind,at,source,source_ref\nZ2,IDEA,,SUBMITTED,2023-05-06T09:00:00.000Z,manual,"=HYPERLINK(""x"")"\n');
    expect((await importFiles(a, { initiatives: gen.initiativesPath, events: gen.eventsPath })).errors).toEqual([]);
    expect((await importFiles(a, { initiatives: tricky, events: trickyEvents })).errors).toEqual([]);
    const stored = (id: string) => a.sql.prepare("SELECT title, purpose FROM initiatives WHERE id = ?").get(id);
    expect([stored("Z2"), stored("Z3"), stored("Z4"), stored("Z5")]).toEqual([
      { title: "=1+2", purpose: "-5 days" },
      { title: "@x", purpose: "+44 20 7946 0000" },
      { title: "'quoted", purpose: "=already neutralised by hand" },
      { title: "-5", purpose: null },
    ]);
    const first = await exportBoth(a, dir, "first");
    const b = freshDb();
    const r = await importFiles(b, { initiatives: first.initiatives, events: first.events });
    expect(r.errors).toEqual([]);
    expect(r.eventsAdded).toBe(3001);
    const second = await exportBoth(b, dir, "second");
    expect(second.initiativesText).toBe(first.initiativesText);
    expect(second.eventsText).toBe(first.eventsText);
    const titles = (db: HubDb) => db.sql.prepare("SELECT id, title, purpose FROM initiatives ORDER BY id").all();
    expect(titles(b)).toEqual(titles(a));
    expect(first.initiativesText.split("\n")[0]).toBe("id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,purpose");
    expect(first.initiativesText).toContain('Z1,"Quotes ""here"", commas, and\na new line",E09000010,E09000010;E09000011,met-police;nhs-nel,isg,common-dpia-template;statement-of-intent,REJECTED,2023-05-05,To share data\n');
    expect(first.initiativesText).toContain("Z2,'=1+2,E09000010,E09000010,,manual,,ACTIVE,2023-05-06,'-5 days\n");
    expect(first.initiativesText).toContain("Z3,'@x,E09000010,E09000010,,manual,,ACTIVE,2023-05-07,'+44 20 7946 0000\n");
    expect(first.initiativesText).toContain("Z4,''quoted,E09000010,E09000010,,manual,,ACTIVE,2023-05-08,'=already neutralised by hand\n");
    expect(first.initiativesText).toContain("Z5,'-5,E09000010,E09000010,,manual,,ACTIVE,2023-05-09,\n");
    expect(first.eventsText).toContain(`Z2,IDEA,,SUBMITTED,2023-05-06T09:00:00.000Z,manual,"'=HYPERLINK(""x"")"\n`);
  });

  it("neutralises formula cells reversibly: a quote goes before =, +, -, @, tab, CR or a quote, and only such a quote is dropped", () => {
    const values = ["=1+2", "+1", "-5", "@x", "\tTAB", "\rCR", "'quoted", "''", "'", "'=x", "plain", "", "a=b", "1-2"];
    expect(values.map(neutraliseCell)).toEqual(["'=1+2", "'+1", "'-5", "'@x", "'\tTAB", "'\rCR", "''quoted", "'''", "''", "''=x", "plain", "", "a=b", "1-2"]);
    expect(values.map(neutraliseCell).map(restoreFormulaCell)).toEqual(values);
    // A quote a person typed before ordinary text is kept: only a quote before a formula character or a quote is the export's.
    expect(["'quoted", "'123", "it's"].map(restoreFormulaCell)).toEqual(["'quoted", "'123", "it's"]);
  });

  it("writes a CSV for Excel: a UTF-8 byte-order mark, CRLF line ends, and the hub imports it back", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) });
    const initiatives = join(dir, "excel-initiatives.csv");
    const events = join(dir, "excel-events.csv");
    const excelText = await toText((out) => exportInitiativesCsv(db, {}, out, { excel: true }), initiatives);
    await toText((out) => exportEventsCsv(db, {}, out, { excel: true }), events);
    const plain = await exportBoth(db, dir, "plain");
    expect(excelText).toBe(`\uFEFF${plain.initiativesText.replace(/\n/g, "\r\n")}`);
    expect([...readFileSync(initiatives).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = freshDb();
    expect((await importFiles(back, { initiatives, events })).errors).toEqual([]);
    const again = await exportBoth(back, dir, "again");
    expect(again.initiativesText).toBe(plain.initiativesText);
    expect(again.eventsText).toBe(plain.eventsText);
  });

  it("refuses unknown filter values (wrong case included) with the graph's message and the allowed values", () => {
    const db = freshDb();
    const refused = (f: ExportFilter) => {
      try {
        validateExportFilter(db.sql, f);
      } catch (err) {
        return { name: (err as Error).name, message: (err as Error).message, allowed: (err as MetricArgumentError).allowed };
      }
      return null;
    };
    const tools = db.sql.prepare("SELECT slug FROM tools ORDER BY slug").pluck().all() as string[];
    expect(refused({ tools: ["isg", "ISG"] })).toEqual({ name: "UnknownValueError", message: `tools: unknown tool "ISG"; expected one of: ${tools.join(", ")}`, allowed: tools });
    expect(refused({ boroughs: ["e09000007"] })?.message).toMatch(/^boroughs: unknown borough \(GSS code\) "e09000007"; expected one of: E09000001, E09000002, /);
    expect(refused({ stages: ["dpia"] })?.message).toMatch(/^stages: unknown stage "dpia"; expected one of: IDEA, .*DPIA/);
    expect(refused({ practices: ["nope"] })?.message).toMatch(/^practices: unknown practice "nope"; expected one of: .*common-dpia-template/);
    expect(refused({ statuses: ["live"] })).toEqual({ name: "UnknownValueError", message: 'statuses: unknown status "live"; expected one of: ACTIVE, LIVE, WITHDRAWN, REJECTED', allowed: ["ACTIVE", "LIVE", "WITHDRAWN", "REJECTED"] });
    expect(refused({ tools: ["isg"], boroughs: ["E09000007"], stages: ["DPIA"], statuses: ["LIVE"] })).toBeNull();
  });

  it("a log with a retraction and a correction: export → import → export is byte-identical, and both databases derive the same cycles", async () => {
    const dir = tempDir();
    const a = freshDb();
    expect((await importFiles(a, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) })).errors).toEqual([]);
    // The correction lists its retraction before the event it retracts' replacement, and a RETRACTED row may come before its target's line.
    const corrections = file(
      dir,
      "corrections.csv",
      `initiative_id,stage,borough,kind,at,source,source_ref,retracts,reason
I1,DPIA,,RETRACTED,2024-03-10T09:00:00Z,isg,x1,e7,"signed on the 4th, typed the 5th"
I1,DPIA,E09000002,APPROVED,2024-03-04T09:00:00Z,isg,e7b,,
I2,IDEA,,RETRACTED,2024-07-01T10:00:00Z,manual,m2,m1,entered for the wrong initiative
`,
    );
    const r = await importFiles(a, { events: corrections });
    expect(r.errors).toEqual([]);
    expect(r.eventsAdded).toBe(3);
    const cycles = (db: HubDb) => db.sql.prepare("SELECT initiative_id, stage, outcome, approved_at FROM stage_cycles ORDER BY initiative_id, stage").all();
    expect(cycles(a)).toEqual([
      { initiative_id: "I1", stage: "DPIA", outcome: "APPROVED", approved_at: Date.UTC(2024, 2, 4, 9) },
      { initiative_id: "I1", stage: "IDEA", outcome: "APPROVED", approved_at: Date.UTC(2024, 0, 12, 10) },
    ]);
    // Importing the same file again changes nothing.
    const again = await importFiles(a, { events: corrections });
    expect([again.errors, again.eventsAdded, again.eventsUnchanged]).toEqual([[], 0, 3]);

    const first = await exportBoth(a, dir, "first");
    expect(first.eventsText).toBe(`initiative_id,stage,borough,kind,at,source,source_ref,retracts,reason
I1,IDEA,,SUBMITTED,2024-01-10T00:00:00.000Z,isg,e1,,
I1,IDEA,,APPROVED,2024-01-12T10:00:00.000Z,isg,e2,,
I1,DPIA,,SUBMITTED,2024-02-01T09:00:00.000Z,isg,e3,,
I1,DPIA,E09000001,QUERY_RAISED,2024-02-05T09:00:00.000Z,isg,e4,,
I1,DPIA,,RESUBMITTED,2024-02-07T09:00:00.000Z,isg,e5,,
I1,DPIA,E09000001,APPROVED,2024-03-01T09:00:00.000Z,isg,e6,,
I1,DPIA,E09000002,APPROVED,2024-03-04T09:00:00.000Z,isg,e7b,,
I1,DPIA,E09000002,APPROVED,2024-03-05T09:00:00.000Z,isg,e7,,
I1,DPIA,,RETRACTED,2024-03-10T09:00:00.000Z,isg,x1,e7,"signed on the 4th, typed the 5th"
I2,IDEA,,SUBMITTED,2024-06-30T23:00:00.000Z,manual,m1,,
I2,IDEA,,RETRACTED,2024-07-01T10:00:00.000Z,manual,m2,m1,entered for the wrong initiative
`);
    const b = freshDb();
    expect((await importFiles(b, { initiatives: first.initiatives, events: first.events })).errors).toEqual([]);
    const second = await exportBoth(b, dir, "second");
    expect(second.initiativesText).toBe(first.initiativesText);
    expect(second.eventsText).toBe(first.eventsText);
    expect(cycles(b)).toEqual(cycles(a));
    // Process mining reads the effective log: neither retracted events nor RETRACTED rows.
    const xes = await toText((out) => exportEventsXes(b, {}, out), join(dir, "b.xes"));
    expect(xes).not.toContain("RETRACTED");
    expect(xes).not.toContain('value="e7"');
    expect(xes).toContain('value="e7b"');
  });

  it("a bad retraction (unknown reference, an event retracted already, a RETRACTED row) refuses the whole import with its line", async () => {
    const dir = tempDir();
    const db = freshDb();
    expect((await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) })).errors).toEqual([]);
    expect((await importFiles(db, { events: file(dir, "r.csv", "initiative_id,stage,borough,kind,at,source,source_ref,retracts,reason\nI1,DPIA,,RETRACTED,2024-03-10T09:00:00Z,isg,x1,e7,typo\n") })).errors).toEqual([]);
    const before = db.sql.prepare("SELECT (SELECT COUNT(*) FROM stage_events) AS events, (SELECT COUNT(*) FROM audit_log) AS audit").get();
    const bad = file(
      dir,
      "bad.csv",
      `initiative_id,stage,borough,kind,at,source,source_ref,retracts,reason
I1,DPIA,E09000002,APPROVED,2024-03-04T09:00:00Z,isg,e7c,,
I1,DPIA,,RETRACTED,2024-03-11T09:00:00Z,isg,x2,e99,no such event
I1,DPIA,,RETRACTED,2024-03-11T09:00:00Z,isg,x3,e7,twice
I1,DPIA,,RETRACTED,2024-03-11T09:00:00Z,isg,x4,x1,undo
I1,IDEA,,RETRACTED,2024-03-11T09:00:00Z,isg,x5,e4,wrong stage
I1,DPIA,,RETRACTED,2024-03-11T09:00:00Z,isg,x6,,no target
`,
    );
    const r = await importFiles(db, { events: bad });
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [3, "retracts", 'no event "e99" of source "isg" to retract; expected the source reference of a stored event'],
      [4, "retracts", 'event "e7" of source "isg" is already retracted (by "x1"); an event is retracted at most once'],
      [5, "retracts", 'event "x1" of source "isg" is a retraction itself; expected an event of the log (record the event again to undo a retraction)'],
      [6, "retracts", 'event "e4" of source "isg" is of initiative I1 stage DPIA; expected the retraction to name the same initiative and stage'],
      [7, "retracts", "a RETRACTED event names the event it retracts; expected retractStageEvent, or an events-file row with the source_ref of that event (same source) in a retracts column"],
    ]);
    expect(r.errors[0]!.file).toBe(bad);
    expect(db.sql.prepare("SELECT (SELECT COUNT(*) FROM stage_events) AS events, (SELECT COUNT(*) FROM audit_log) AS audit").get()).toEqual(before);
  });

  it("writes the canonical columns with the events in initiative and time order", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) });
    const out = await exportBoth(db, dir, "x");
    expect(out.eventsText).toBe(`initiative_id,stage,borough,kind,at,source,source_ref
I1,IDEA,,SUBMITTED,2024-01-10T00:00:00.000Z,isg,e1
I1,IDEA,,APPROVED,2024-01-12T10:00:00.000Z,isg,e2
I1,DPIA,,SUBMITTED,2024-02-01T09:00:00.000Z,isg,e3
I1,DPIA,E09000001,QUERY_RAISED,2024-02-05T09:00:00.000Z,isg,e4
I1,DPIA,,RESUBMITTED,2024-02-07T09:00:00.000Z,isg,e5
I1,DPIA,E09000001,APPROVED,2024-03-01T09:00:00.000Z,isg,e6
I1,DPIA,E09000002,APPROVED,2024-03-05T09:00:00.000Z,isg,e7
I2,IDEA,,SUBMITTED,2024-06-30T23:00:00.000Z,manual,m1
`);
    expect(out.initiativesText).toBe(`id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,purpose,non_signing
I1,"Troubled families, joined up",E09000001,E09000001;E09000002,met-police,isg,common-dpia-template,ACTIVE,2024-01-10,,met-police
I2,Second,E09000003,E09000003,,manual,,ACTIVE,2024-02-01,,
`);
  });

  it("applies the graph's initiative filters", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) });
    const ids = async (filter: ExportFilter) => (await exportBoth(db, dir, "f", filter)).initiativesText.trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    expect(await ids({ boroughs: ["E09000002"] })).toEqual(["I1"]);
    expect(await ids({ tools: ["manual"] })).toEqual(["I2"]);
    expect(await ids({ practices: ["common-dpia-template"] })).toEqual(["I1"]);
    expect(await ids({ statuses: ["LIVE"] })).toEqual([]);
    expect(await ids({ stages: ["DPIA"] })).toEqual(["I1"]);
    expect(await ids({ createdFrom: "2024-01-11" })).toEqual(["I2"]);
    expect(await ids({ createdTo: "2024-01-10" })).toEqual(["I1"]);
    expect(await ids({ search: "troubled" })).toEqual(["I1"]);
    const events = (await exportBoth(db, dir, "g", { tools: ["manual"] })).eventsText;
    expect(events).toBe("initiative_id,stage,borough,kind,at,source,source_ref\nI2,IDEA,,SUBMITTED,2024-06-30T23:00:00.000Z,manual,m1\n");
  });

  it("writes a well-formed XES log: a trace per initiative, activity = stage + kind, borough as org:group", async () => {
    const dir = tempDir();
    const db = freshDb();
    await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV.replace("Troubled families, joined up", "Families <&> \"\"data\"\"")), events: file(dir, "e.csv", EVENTS_CSV) });
    const xml = await toText((out) => exportEventsXes(db, {}, out), join(dir, "events.xes"));
    const log = parseXml(xml);
    expect(log.name).toBe("log");
    expect(log.attrs["xes.version"]).toBe("1849-2016");
    expect(log.children.filter((c) => c.name === "extension").map((c) => c.attrs.prefix)).toEqual(["concept", "time", "org"]);
    const traces = log.children.filter((c) => c.name === "trace");
    expect(traces).toHaveLength(2);
    const t1 = traces[0]!;
    const attrs = (n: XmlNode) => Object.fromEntries(n.children.filter((c) => c.name !== "event").map((c) => [c.attrs.key, c.attrs.value]));
    expect(attrs(t1)).toEqual({ "concept:name": "I1", title: 'Families <&> "data"', lead_borough: "E09000001", boroughs: "E09000001;E09000002", tool: "isg", status: "ACTIVE" });
    const events = t1.children.filter((c) => c.name === "event");
    expect(events).toHaveLength(7);
    expect(events[3]!.children.map((c) => [c.name, c.attrs.key, c.attrs.value])).toEqual([
      ["string", "concept:name", "DPIA QUERY_RAISED"],
      ["date", "time:timestamp", "2024-02-05T09:00:00.000Z"],
      ["string", "org:group", "E09000001"],
      ["string", "stage", "DPIA"],
      ["string", "kind", "QUERY_RAISED"],
      ["string", "source", "isg"],
      ["string", "source_ref", "e4"],
    ]);
    expect(events[0]!.children.some((c) => c.attrs.key === "org:group")).toBe(false);
  });
});
