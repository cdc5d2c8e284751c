import { describe, expect, it } from "vitest";
import { MappingFileError, formatMappingProblem, loadMapping, parseMapping } from "../../../db/mapping/index.js";

/** The problems a mapping text is refused with, as the CLI prints them. */
function problems(text: string): string[] {
  try {
    parseMapping(text, "m.yaml");
  } catch (err) {
    if (err instanceof MappingFileError) return err.problems.map(formatMappingProblem);
    throw err;
  }
  return [];
}

const BASE = `tool: isg
columns:
  flow: Flow Name
  org: Organisation
  sent: Sent
initiative:
  id: isg-{flow|slug}
  title: flow
`;

describe("loadMapping", () => {
  it("reads a minimal mapping with its defaults", () => {
    const m = parseMapping(BASE, "m.yaml");
    expect({ ...m, initiative: { ...m.initiative, id: m.initiative.id.text, title: m.initiative.title.text }, optional: [...m.optional], participants: { ...m.participants, organisations: m.participants.organisations.words } }).toEqual({
      file: "m.yaml",
      tool: "isg",
      source: "isg",
      description: "",
      columns: { flow: "Flow Name", org: "Organisation", sent: "Sent" },
      optional: [],
      initiative: { id: "isg-{flow|slug}", title: "{flow}", status: { constant: "" }, practices: { constant: [] }, rows: "one" },
      participants: { separators: ";", organisations: [], signers: "boroughs" },
      events: [],
    });
  });

  it("names the key path, the line and what is expected", () => {
    const text = `${BASE}dates: uk
events:
  - stage: DPIA
    kind: SUBMITTED
    date: sent
  - stage: DPIA
    kind: APPROVED
    date: { column: sent, format: uk }
  - stage: ISA
    kind: SIGNED
    date: { column: sent, format: dmy }
`;
    expect(problems(text)).toEqual([
      `m.yaml:18: events[2].kind: expected one of SUBMITTED, QUERY_RAISED, RESUBMITTED, DPO_REVIEWED, APPROVED, REJECTED, WITHDRAWN, got "SIGNED"`,
      `m.yaml:19: events[2].date.format: expected one of iso, uk, excel-serial, got "dmy"`,
    ]);
  });

  it("reports every problem of a file at once, in file order", () => {
    const text = `tool: isg2
colums:
  a: A
columns:
  Title: T
  date: D
  lead: ""
  flow: Flow
initiative:
  id: fixed-id
  title: name
  rows: several
participants:
  lead: lead
  signers: everyone
  organisations:
    Met Police: Met_Police
    LB Nowhere: E09000099
events:
  - stage: PLANNING
    kind: { column: lead, values: { Signed: SIGNED, Pending: ~ } }
    date: flow
    skip_future: yes
    source_ref: "{flow}:{when}"
  - kind: APPROVED
    date: lead
`;
    const column = (got: string) => `expected a logical column name from columns (flow), got "${got}"`;
    const kinds = "SUBMITTED, QUERY_RAISED, RESUBMITTED, DPO_REVIEWED, APPROVED, REJECTED, WITHDRAWN";
    const organisation = (got: string) => `expected a London GSS code (E09000001..E09000033) or a partner slug (lower-case letters, digits, hyphens, e.g. met-police), got "${got}"`;
    expect(problems(text)).toEqual([
      'm.yaml:1: tool: expected one of isg, onelondon, weisf, icase, ecins, flowz, manual, got "isg2"',
      "m.yaml:2: colums: unknown key; expected one of tool, source, description, columns, optional, only_rows, dates, initiative, participants, events",
      "m.yaml:5: columns.Title: expected a logical name in lower case (letters, digits, _), starting with a letter",
      "m.yaml:6: columns.date: the name is reserved for source_ref templates; expected another name than initiative, stage, kind, date, signer",
      `m.yaml:7: columns.lead: expected the export's column header, got ""`,
      'm.yaml:10: initiative.id: "fixed-id" has no placeholder, so every row would get the same value; expected at least one {column}',
      `m.yaml:11: initiative.title: ${column("name")}`,
      'm.yaml:12: initiative.rows: expected one of one, many, got "several"',
      `m.yaml:14: participants.lead: ${column("lead")}`,
      'm.yaml:15: participants.signers: expected one of boroughs, all, got "everyone"',
      `m.yaml:17: participants.organisations.Met Police: ${organisation("Met_Police")}`,
      `m.yaml:18: participants.organisations.LB Nowhere: ${organisation("E09000099")}`,
      'm.yaml:20: events[0].stage: expected one of IDEA, CONCEPT, DPIA, ISA, REVIEW, got "PLANNING"',
      `m.yaml:21: events[0].kind.column: ${column("lead")}`,
      `m.yaml:21: events[0].kind.values.Signed: expected one of ${kinds}, or ~ for none, got "SIGNED"`,
      'm.yaml:23: events[0].skip_future: expected true or false, got "yes"',
      "m.yaml:24: events[0].source_ref: unknown name {when}; expected a logical column (flow) or one of initiative, stage, kind, date, signer",
      "m.yaml:25: events[1].stage: missing; this key is required",
      `m.yaml:26: events[1].date: ${column("lead")}`,
    ]);
  });

  it("refuses a word given twice in a value map, ignoring case and spaces", () => {
    const text = `${BASE}participants:
  organisations:
    Met Police: met-police
    "MET  police": met-police
`;
    expect(problems(text)).toEqual([`m.yaml:12: participants.organisations.MET  police: "MET  police" is the same word as "Met Police" (case and spaces are ignored); expected each word once`]);
  });

  it("refuses YAML that does not parse, and duplicate keys, with the line", () => {
    expect(problems("tool: isg\ncolumns: [a\n")).toEqual([expect.stringMatching(/^m\.yaml:\d+: not valid YAML: /)]);
    expect(problems("tool: isg\ntool: weisf\n")).toEqual(["m.yaml:2: not valid YAML: Map keys must be unique"]);
  });

  it("names a file it cannot read", () => {
    expect(() => loadMapping("/nonexistent/m.yaml")).toThrow(new MappingFileError([{ file: "/nonexistent/m.yaml", line: 0, path: "", message: "cannot read the mapping file (ENOENT); expected a readable YAML file" }]));
  });
});
