import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PRESETS, applyMapping, loadPreset, readCsvTable, type MappingResult } from "../../../db/mapping/index.js";

const sample = (name: string) => fileURLToPath(new URL(`../../../db/mapping/samples/${name}.sample.csv`, import.meta.url));

/** An initiative as the expectations below write it: the record's fields that vary, and its signers. */
function initiatives(r: MappingResult) {
  return r.initiatives.map((i) => ({
    line: i.line,
    id: i.record.id,
    title: i.record.title,
    purpose: i.record.purpose,
    lead: i.record.lead_borough,
    boroughs: i.record.boroughs,
    partners: i.record.partners,
    partnerNames: i.record.partnerNames,
    tool: i.record.tool,
    status: i.record.status,
    created: i.record.created_at,
    compareCreated: i.record.compareCreatedAt,
    practices: i.record.practices,
    signers: i.signers,
  }));
}

/** Events as `line initiative stage signer kind at source source_ref`. */
function events(r: MappingResult) {
  return r.events.map((e) => [e.line, e.record.initiative_id, e.record.stage, e.record.borough, e.record.kind, e.record.at, e.record.source, e.record.source_ref].join(" "));
}

describe("presets", () => {
  it("every preset loads", () => {
    expect(PRESETS.map((p) => loadPreset(p).tool)).toEqual(["weisf", "isg", "onelondon", "icase"]);
  });

  it("isg: a data flow's rows are one initiative; each organisation's DPO review and sign-off are its events", () => {
    const r = applyMapping(loadPreset("isg"), readCsvTable(sample("isg")), { asOf: "2025-06-01" });
    expect(r.errors).toEqual([]);
    expect(initiatives(r)).toEqual([
      {
        line: 2, id: "isg-df-0001", title: "Sample flow 1 - hospital discharge", purpose: "Synthetic sample", lead: "E09000007",
        boroughs: ["E09000007", "E09000019"], partners: ["example-nhs-trust"], partnerNames: { "example-nhs-trust": "Example NHS Trust" },
        tool: "isg", status: "", created: "2024-01-10", compareCreated: true, practices: [], signers: ["E09000007", "E09000019", "example-nhs-trust"],
      },
      {
        line: 5, id: "isg-df-0002", title: "Sample flow 2 - school readiness", purpose: "Synthetic sample", lead: "E09000012",
        boroughs: ["E09000012"], partners: [], partnerNames: {}, tool: "isg", status: "", created: "2024-04-02", compareCreated: true, practices: [], signers: ["E09000012"],
      },
    ]);
    // The flow-wide columns repeat on every row and give one event; the NHS trust's sign-off is
    // Pending (no event); the review-by date 12/02/2025 is past on 2025-06-01.
    expect(events(r)).toEqual([
      "2 isg-df-0001 ISA  SUBMITTED 2024-03-01 isg isg-df-0001:ISA:SUBMITTED",
      "2 isg-df-0001 ISA E09000007 DPO_REVIEWED 2024-03-05 isg isg-df-0001:ISA:DPO_REVIEWED:E09000007",
      "2 isg-df-0001 ISA E09000007 APPROVED 2024-03-08 isg isg-df-0001:ISA:SIGN_OFF:E09000007",
      "2 isg-df-0001 DPIA  SUBMITTED 2024-01-15 isg isg-df-0001:DPIA:SUBMITTED",
      "2 isg-df-0001 DPIA  QUERY_RAISED 2024-01-22 isg isg-df-0001:DPIA:REJECTED",
      "2 isg-df-0001 DPIA  RESUBMITTED 2024-01-29 isg isg-df-0001:DPIA:RESUBMITTED",
      "2 isg-df-0001 DPIA  APPROVED 2024-02-12 isg isg-df-0001:DPIA:APPROVED",
      "2 isg-df-0001 REVIEW  SUBMITTED 2025-02-12 isg isg-df-0001:REVIEW:SUBMITTED",
      "3 isg-df-0001 ISA E09000019 DPO_REVIEWED 2024-03-11 isg isg-df-0001:ISA:DPO_REVIEWED:E09000019",
      "3 isg-df-0001 ISA E09000019 APPROVED 2024-03-18 isg isg-df-0001:ISA:SIGN_OFF:E09000019",
      "4 isg-df-0001 ISA example-nhs-trust DPO_REVIEWED 2024-03-07 isg isg-df-0001:ISA:DPO_REVIEWED:example-nhs-trust",
      "5 isg-df-0002 DPIA  SUBMITTED 2024-04-20 isg isg-df-0002:DPIA:SUBMITTED",
    ]);
  });

  it("dcc: an agreement's members sign it; a past expiry opens the review, a future one is a plan", () => {
    const r = applyMapping(loadPreset("dcc"), readCsvTable(sample("dcc")), { asOf: "2025-06-01" });
    expect(r.errors).toEqual([]);
    expect(initiatives(r)).toEqual([
      {
        line: 2, id: "dcc-agr-100", title: "Sample agreement 100 - care records", purpose: "Synthetic sample", lead: "E09000022",
        boroughs: ["E09000022", "E09000028"], partners: ["met-police"], partnerNames: { "met-police": "MPS" },
        tool: "onelondon", status: "", created: "2024-06-03", compareCreated: true, practices: [], signers: ["E09000022", "E09000028", "met-police"],
      },
      {
        line: 5, id: "dcc-agr-101", title: "Sample agreement 101 - hospital discharge", purpose: null, lead: "E09000023",
        boroughs: ["E09000023"], partners: ["example-nhs-trust"], partnerNames: { "example-nhs-trust": "Example NHS Trust" },
        tool: "onelondon", status: "", created: "2024-09-01", compareCreated: true, practices: [], signers: ["E09000023", "example-nhs-trust"],
      },
    ]);
    expect(events(r)).toEqual([
      "2 dcc-agr-100 ISA  SUBMITTED 2024-06-03 dcc dcc-agr-100:ISA:SUBMITTED",
      "2 dcc-agr-100 ISA E09000022 APPROVED 2024-06-10 dcc dcc-agr-100:ISA:SIGNATURE:E09000022",
      "2 dcc-agr-100 REVIEW  SUBMITTED 2025-05-31 dcc dcc-agr-100:REVIEW:SUBMITTED",
      "3 dcc-agr-100 ISA E09000028 APPROVED 2024-06-14 dcc dcc-agr-100:ISA:SIGNATURE:E09000028",
      "5 dcc-agr-101 ISA  SUBMITTED 2024-09-01 dcc dcc-agr-101:ISA:SUBMITTED",
      "5 dcc-agr-101 ISA E09000023 REJECTED 2024-09-20 dcc dcc-agr-101:ISA:SIGNATURE:E09000023",
      "6 dcc-agr-101 ISA example-nhs-trust APPROVED 2024-09-05 dcc dcc-agr-101:ISA:SIGNATURE:example-nhs-trust",
    ]);
  });

  it("icasework: IG case types only, stage dates by the stage map, withdrawal in the current stage", () => {
    const r = applyMapping(loadPreset("icasework"), readCsvTable(sample("icasework")), { asOf: "2025-06-01", leadBorough: "E09000030" });
    expect(r.errors).toEqual([]);
    expect(r.skipped).toEqual([4]);
    const one = (line: number, id: string, title: string, created: string) => ({
      line, id, title, purpose: undefined, lead: "E09000030", boroughs: ["E09000030"], partners: [], partnerNames: {},
      tool: "icase", status: "", created, compareCreated: true, practices: [], signers: ["E09000030"],
    });
    expect(initiatives(r)).toEqual([
      one(2, "icase-900001", "Data sharing request 900001", "2024-02-01"),
      one(3, "icase-900002", "Data sharing request 900002", "2024-04-02"),
      one(5, "icase-900004", "DPIA request 900004", "2024-05-07"),
      one(6, "icase-900005", "Data sharing request 900005", "2024-06-10"),
    ]);
    // "Approved with conditions" and "Signed" are not listed: any other outcome of a completed stage is an approval.
    expect(events(r)).toEqual([
      "2 icase-900001 DPIA  SUBMITTED 2024-02-01 icasework 900001:stage1:received",
      "2 icase-900001 DPIA  APPROVED 2024-02-20 icasework 900001:stage1:completed",
      "2 icase-900001 ISA  SUBMITTED 2024-02-21 icasework 900001:stage2:received",
      "2 icase-900001 ISA  APPROVED 2024-03-15 icasework 900001:stage2:completed",
      "3 icase-900002 DPIA  SUBMITTED 2024-04-02 icasework 900002:stage1:received",
      "3 icase-900002 DPIA  WITHDRAWN 2024-04-30 icasework 900002:withdrawn",
      "5 icase-900004 DPIA  SUBMITTED 2024-05-07 icasework 900004:stage1:received",
      "5 icase-900004 DPIA  REJECTED 2024-05-28 icasework 900004:stage1:completed",
      "6 icase-900005 DPIA  SUBMITTED 2024-06-10 icasework 900005:stage1:received",
      "6 icase-900005 DPIA  APPROVED 2024-06-24 icasework 900005:stage1:completed",
      "6 icase-900005 ISA  SUBMITTED 2024-06-25 icasework 900005:stage2:received",
    ]);
  });

  it("weisf: the sample's protocols, London authorities as boroughs, past review dates only", () => {
    const r = applyMapping(loadPreset("weisf"), readCsvTable(sample("weisf")), { asOf: "2025-06-01", leadBorough: "E09000016" });
    expect(r.errors).toEqual([]);
    expect(initiatives(r).map((i) => [i.line, i.id, i.lead, i.boroughs.join(";"), i.partners.join(";"), i.created, i.compareCreated])).toEqual([
      [2, "weisf-sample-protocol-a-hospital-discharge", "E09000002", "E09000002", "example-county-council;example-nhs-foundation-trust", "2025-06-01", false],
      [3, "weisf-sample-protocol-b-marac", "E09000016", "E09000016;E09000026", "example-police", "2025-06-01", false],
      [4, "weisf-sample-protocol-c-family-support", "E09000016", "E09000016", "example-county-council;example-district-council", "2025-06-01", false],
      [5, "weisf-sample-protocol-d-youth-offending", "E09000026", "E09000026", "example-police;example-county-council", "2025-06-01", false],
      [7, "weisf-sample-protocol-e-adult-safeguarding", "E09000021", "E09000021", "example-nhs-foundation-trust", "2025-06-01", false],
    ]);
    expect(events(r)).toEqual([
      "2 weisf-sample-protocol-a-hospital-discharge REVIEW  SUBMITTED 2024-03-31 weisf weisf-sample-protocol-a-hospital-discharge:REVIEW:SUBMITTED:2024-03-31",
      "5 weisf-sample-protocol-d-youth-offending REVIEW  SUBMITTED 2025-03-01 weisf weisf-sample-protocol-d-youth-offending:REVIEW:SUBMITTED:2025-03-01",
      "7 weisf-sample-protocol-e-adult-safeguarding REVIEW  SUBMITTED 2025-05-31 weisf weisf-sample-protocol-e-adult-safeguarding:REVIEW:SUBMITTED:2025-05-31",
    ]);
  });
});
