import { describe, expect, it } from "vitest";
import { useGraphHarness } from "./graph.harness.js";

/**
 * The ORGANISATION grouping and filter dimension (issue 13 point 2): boroughs and partner
 * organisations alike, every participant (signing or not). A small world, ISA stage only, every
 * instant at 10:00 UTC (whole calendar days from submission on day 0):
 * - P1: boroughs E09000007 (lead) and E09000012, partners met-police (signs) and nhs-nel (recorded
 *   as not signing). Both boroughs approve on day 10, the police on day 30: approved, 30 days.
 * - P2: borough E09000012 (lead), partner met-police. E09000012 approves on day 4, the police on day 6: 6 days.
 * - P3: borough E09000007 alone, approves on day 8: 8 days.
 * Expectations worked out by hand from those days.
 */

const graph = useGraphHarness();
const gql = graph.gql;

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();
const AS_OF = "2024-12-31T00:00:00Z";

async function create(input: Record<string, unknown>): Promise<void> {
  const r = await gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, { input: { tool: "manual", createdAt: "2024-03-01", ...input } });
  expect(r.errors).toBeUndefined();
}

async function record(initiativeId: string, kind: string, at: string, organisation?: string): Promise<void> {
  const r = await gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`, { input: { initiativeId, stage: "ISA", kind, at, ...(organisation ? { organisation } : {}) } });
  expect(r.errors).toBeUndefined();
}

const cycleTimes = async (args: string) =>
  (await gql(`{ cycleTimes(unit: CALENDAR_DAYS, asOf: "${AS_OF}", ${args}) { stage borough organisation count approvedCount median mean } }`)).data?.cycleTimes;

describe("the ORGANISATION dimension", () => {
  it("sets up three initiatives with partners", async () => {
    await create({ id: "P1", title: "Pan-London ISA", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["met-police", "nhs-nel"], nonSigning: ["nhs-nel"] });
    await create({ id: "P2", title: "Hackney and police", leadBorough: "E09000012", boroughs: ["E09000012"], partners: ["met-police"] });
    await create({ id: "P3", title: "Camden alone", leadBorough: "E09000007", boroughs: ["E09000007"] });
    for (const id of ["P1", "P2", "P3"]) await record(id, "SUBMITTED", day(0));
    await record("P1", "APPROVED", day(10), "E09000007");
    await record("P1", "APPROVED", day(10), "E09000012");
    await record("P1", "APPROVED", day(30), "met-police");
    await record("P2", "APPROVED", day(4), "E09000012");
    await record("P2", "APPROVED", day(6), "met-police");
    await record("P3", "APPROVED", day(8), "E09000007");
  });

  it("groups cycleTimes by every participating organisation: boroughs by GSS code, then partners by slug, observers included", async () => {
    const row = (organisation: string, count: number, median: number, mean: number) => ({ stage: "ISA", borough: null, organisation, count, approvedCount: count, median, mean });
    expect(await cycleTimes(`groupBy: [STAGE, ORGANISATION], filter: { stages: ["ISA"] }`)).toEqual([
      row("E09000007", 2, 19, 19), // P1 30, P3 8
      row("E09000012", 2, 18, 18), // P1 30, P2 6
      row("met-police", 2, 18, 18), // P1 30, P2 6
      row("nhs-nel", 1, 30, 30), // P1 (taking part, not signing)
    ]);
    // BOROUGH keeps meaning London boroughs.
    expect((await cycleTimes(`groupBy: [BOROUGH], filter: { stages: ["ISA"] }`)).map((g: { borough: string; organisation: string | null }) => [g.borough, g.organisation])).toEqual([
      ["E09000007", null],
      ["E09000012", null],
    ]);
  });

  it("filters by organisations: initiatives any of them takes part in; with boroughs, both must hold", async () => {
    const one = (count: number, median: number, mean: number) => [{ stage: "ISA", borough: null, organisation: null, count, approvedCount: count, median, mean }];
    expect(await cycleTimes(`filter: { stages: ["ISA"], organisations: ["met-police"] }`)).toEqual(one(2, 18, 18)); // P1, P2
    expect(await cycleTimes(`filter: { stages: ["ISA"], organisations: ["nhs-nel"] }`)).toEqual(one(1, 30, 30)); // P1
    expect(await cycleTimes(`filter: { stages: ["ISA"], organisations: ["nhs-nel", "E09000007"] }`)).toEqual(one(2, 19, 19)); // P1, P3
    expect(await cycleTimes(`filter: { stages: ["ISA"], organisations: ["met-police"], boroughs: ["E09000007"] }`)).toEqual(one(1, 30, 30)); // P1 only
  });

  it("lists only the filtered organisations' sign-offs in signOffTimes", async () => {
    const r = await gql(`{ signOffTimes(unit: CALENDAR_DAYS, asOf: "${AS_OF}", filter: { stages: ["ISA"], organisations: ["met-police"] }) {
      borough organisation isBorough signedCount median lastToSignCount stagesWithPeers } }`);
    // The police signed P1 on day 30 (after both boroughs) and P2 on day 6 (after E09000012 on day 4): last both times.
    expect(r.data).toEqual({ signOffTimes: [{ borough: null, organisation: "met-police", isBorough: false, signedCount: 2, median: 18, lastToSignCount: 2, stagesWithPeers: 2 }] });
  });

  it("refuses an unknown organisation with BAD_USER_INPUT naming the argument", async () => {
    const r = await gql(`{ cycleTimes(filter: { organisations: ["no-such-org"] }) { count } }`);
    expect(r.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/^filter\.organisations: .*no-such-org/);
  });

  it("sees a partner added as not signing at once, though no stage cycle changes (the change log names the initiative)", async () => {
    await cycleTimes(`groupBy: [ORGANISATION], filter: { stages: ["ISA"] }`); // the cached table, warm
    const r = await gql(`mutation { addParticipants(input: { initiativeId: "P3", partners: ["nhs-nel"], nonSigning: ["nhs-nel"] }) { id } }`);
    expect(r.errors).toBeUndefined();
    // nhs-nel now takes part in P1 (30 days) and P3 (8 days); P3 is still approved on day 8.
    expect(await cycleTimes(`filter: { stages: ["ISA"], organisations: ["nhs-nel"] }`)).toEqual([{ stage: "ISA", borough: null, organisation: null, count: 2, approvedCount: 2, median: 19, mean: 19 }]);
  });
});
