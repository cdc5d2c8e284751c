import { describe, expect, it } from "vitest";
import type { Viewer } from "../../../schema/context.js";
import { ADMIN, useGraphHarness } from "./graph.harness.js";

/**
 * Participants come and go (issue 13 point 4, issue 15): boroughs A = E09000007 (lead) and
 * B = E09000012 and partner P = met-police. Every instant is at 10:00 UTC of day n after
 * 2024-03-01, so calendar durations are whole days; expectations are worked out by hand from the
 * definition "approved at the first instant t at which every signing participant present at t has
 * an APPROVED ≤ t".
 */

const A = "E09000007";
const B = "E09000012";
const P = "met-police";
const OTHER_EDITOR: Viewer = { role: "editor", keyId: "key-hackney", boroughs: ["E09000012"] };
const STRANGER: Viewer = { role: "editor", keyId: "key-barnet", boroughs: ["E09000003"] };

const graph = useGraphHarness();
const gql = graph.gql;

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();
/** Each initiative on its own tool, so that a tool filter picks out its cycle. */
const TOOL: Record<string, string> = { L1: "isg", L2: "onelondon", L3: "weisf", L4: "icase" };
const cycle = (id: string) => `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"], tools: ["${TOOL[id]}"] }) { count approvedCount openCount median } }`;

async function ok(query: string, variables?: Record<string, unknown>, as: Viewer = ADMIN) {
  const r = await gql(query, variables, as);
  expect(r.errors).toBeUndefined();
  return r.data!;
}
async function create(id: string, boroughs: string[], partners: string[]) {
  await ok(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, { input: { id, title: `Leavers ${id}`, leadBorough: A, boroughs, partners, tool: TOOL[id], createdAt: "2024-03-01" } });
}
async function record(id: string, kind: string, n: number, organisation?: string) {
  await ok(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`, { input: { initiativeId: id, stage: "ISA", kind, at: day(n), ...(organisation ? { organisation } : {}) } });
}
const LEAVE = `mutation($input: LeaveInitiativeInput!) { leaveInitiative(input: $input) { id partners { organisation { slug } joinedAt leftAt } boroughs { borough { code } joinedAt leftAt } } }`;
async function pending(id: string, asOfDay: number): Promise<string[][]> {
  const d = await ok(`{ openItems(initiativeId: "${id}", asOf: "${day(asOfDay)}", unit: CALENDAR_DAYS) { items { organisation pendingSigners } } }`);
  // The stage item (organisation null) lists every pending signer.
  return (d.openItems.items as { organisation: string | null; pendingSigners: string[] }[]).filter((i) => i.organisation === null).map((i) => i.pendingSigners);
}

describe("a partner that leaves without signing", () => {
  it("holds the ISA up until it leaves on day 25: then approved at 25 (time to approval 25 days)", async () => {
    await create("L1", [A, B], [P]);
    await record("L1", "SUBMITTED", 0);
    await record("L1", "APPROVED", 10, A);
    await record("L1", "APPROVED", 10, B);
    expect((await ok(cycle("L1"))).cycleTimes).toEqual([{ count: 1, approvedCount: 0, openCount: 1, median: null }]);
    const d = await ok(LEAVE, { input: { initiativeId: "L1", organisation: P, at: day(25), reason: "the police withdrew from the agreement" } });
    expect(d.leaveInitiative).toEqual({
      id: "L1",
      partners: [{ organisation: { slug: P }, joinedAt: null, leftAt: day(25) }],
      boroughs: [
        { borough: { code: A }, joinedAt: null, leftAt: null },
        { borough: { code: B }, joinedAt: null, leftAt: null },
      ],
    });
    // Seen at once by the cached cycle table (same request cycle as any write).
    expect((await ok(cycle("L1"))).cycleTimes).toEqual([{ count: 1, approvedCount: 1, openCount: 0, median: 25 }]);
    expect(graph.db.sql.prepare("SELECT outcome, approved_at FROM stage_cycles WHERE initiative_id = 'L1' AND stage = 'ISA'").get()).toEqual({ outcome: "APPROVED", approved_at: Date.parse(day(25)) });
    // No sign-off row of the leaver (it never signed); the boroughs' rows stay.
    expect(graph.db.sql.prepare("SELECT COUNT(*) AS n FROM partner_signoffs WHERE initiative_id = 'L1'").get()).toEqual({ n: 0 });
    expect(graph.db.sql.prepare("SELECT COUNT(*) AS n FROM borough_signoffs WHERE initiative_id = 'L1'").get()).toEqual({ n: 2 });
    // The events stay in the log: nothing was erased.
    expect(graph.db.sql.prepare("SELECT COUNT(*) AS n FROM stage_events WHERE initiative_id = 'L1'").get()).toEqual({ n: 3 });
  });

  it("was pending before it left (asOf day 20), and the stage is approved by day 26", async () => {
    expect(await pending("L1", 20)).toEqual([[P]]);
    expect(await pending("L1", 26)).toEqual([]);
  });

  it("the audit trail shows who made it leave, when and why", async () => {
    const d = await ok(`{ initiative(id: "L1") { auditTrail { edges { node { action actor detail } } } } }`);
    const leave = (d.initiative.auditTrail.edges as { node: { action: string; actor: string; detail: string } }[]).map((e) => e.node).filter((n) => n.action === "participant.leave");
    expect(leave.map((n) => ({ actor: n.actor, ...JSON.parse(n.detail) }))).toEqual([{ actor: "key-admin", organisation: P, leftAt: "2024-03-26T10:00:00.000Z", reason: "the police withdrew from the agreement" }]);
  });

  it("a partner that left on day 5: approved when the boroughs signed, day 10", async () => {
    await create("L2", [A, B], [P]);
    await record("L2", "SUBMITTED", 0);
    await ok(LEAVE, { input: { initiativeId: "L2", organisation: P, at: day(5), reason: "out of scope" } });
    await record("L2", "APPROVED", 10, A);
    expect((await ok(cycle("L2"))).cycleTimes).toEqual([{ count: 1, approvedCount: 0, openCount: 1, median: null }]);
    await record("L2", "APPROVED", 10, B);
    expect((await ok(cycle("L2"))).cycleTimes).toEqual([{ count: 1, approvedCount: 1, openCount: 0, median: 10 }]);
  });
});

describe("a leaver is never pending after it left (issue 15)", () => {
  it("with B still to sign, the police is pending before day 25 and not from day 25 on", async () => {
    await create("L3", [A, B], [P]);
    await record("L3", "SUBMITTED", 0);
    await record("L3", "APPROVED", 10, A);
    await ok(LEAVE, { input: { initiativeId: "L3", organisation: P, at: day(25), reason: "left the partnership" } });
    expect((await ok(cycle("L3"))).cycleTimes).toEqual([{ count: 1, approvedCount: 0, openCount: 1, median: null }]);
    expect(await pending("L3", 20)).toEqual([[B, P]]);
    expect(await pending("L3", 25)).toEqual([[B]]);
    expect(await pending("L3", 40)).toEqual([[B]]);
  });
});

describe("a late joiner", () => {
  it("C joining on day 8 must sign too: approved on its day 14, not on the others' day 10; not pending before it joined", async () => {
    await create("L4", [A, B], []);
    await record("L4", "SUBMITTED", 0);
    await record("L4", "APPROVED", 10, A);
    await record("L4", "APPROVED", 10, B);
    expect((await ok(cycle("L4"))).cycleTimes).toEqual([{ count: 1, approvedCount: 1, openCount: 0, median: 10 }]);
    const d = await ok(`mutation($input: AddParticipantsInput!) { addParticipants(input: $input) { partners { organisation { slug } joinedAt leftAt } } }`, {
      input: { initiativeId: "L4", partners: ["nhs-nel"], joinedAt: day(8) },
    });
    expect(d.addParticipants.partners).toEqual([{ organisation: { slug: "nhs-nel" }, joinedAt: day(8), leftAt: null }]);
    expect((await ok(cycle("L4"))).cycleTimes).toEqual([{ count: 1, approvedCount: 0, openCount: 1, median: null }]);
    expect(await pending("L4", 5)).toEqual([[A, B]]);
    expect(await pending("L4", 12)).toEqual([["nhs-nel"]]);
    await record("L4", "APPROVED", 14, "nhs-nel");
    expect((await ok(cycle("L4"))).cycleTimes).toEqual([{ count: 1, approvedCount: 1, openCount: 0, median: 14 }]);
  });
});

describe("leaveInitiative refuses", () => {
  const refused = async (input: Record<string, unknown>, as: Viewer = ADMIN) => {
    const r = await gql(LEAVE, { input: { initiativeId: "L1", reason: "test", ...input } }, as);
    expect(r.data?.leaveInitiative ?? null).toBeNull();
    return r.errors!.map((e) => [e.extensions.code, e.extensions.field, e.message]);
  };

  it("leaving twice, leaving an initiative one is not in, leaving before joining, a bad time, no reason: BAD_USER_INPUT, nothing written", async () => {
    const before = graph.db.sql.prepare("SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT data_version FROM (SELECT CAST(value AS INTEGER) AS data_version FROM meta WHERE key = 'data_version') v) AS version").get();
    expect(await refused({ organisation: P, at: day(30) })).toEqual([["BAD_USER_INPUT", "organisation", "met-police already left initiative L1 at 2024-03-26T10:00:00.000Z; a participant leaves once"]]);
    expect(await refused({ organisation: "E09000001", at: day(30) })).toEqual([["BAD_USER_INPUT", "organisation", '"E09000001" does not take part in initiative "L1"; expected one of its boroughs or partners']]);
    expect(await refused({ initiativeId: "L4", organisation: "nhs-nel", at: day(8) })).toEqual([
      ["BAD_USER_INPUT", "organisation", "nhs-nel joined initiative L4 at 2024-03-09T10:00:00.000Z; expected a leaving after that, not at 2024-03-09T10:00:00.000Z"],
    ]);
    expect(await refused({ organisation: B, at: "2024-13-01" })).toEqual([
      ["BAD_USER_INPUT", "at", 'at "2024-13-01" is not a time; expected an ISO 8601 date (YYYY-MM-DD) or date-time with zone, e.g. 2024-05-01T09:00:00Z'],
    ]);
    expect(await refused({ organisation: B, at: day(30), reason: "  " })).toEqual([["BAD_USER_INPUT", "reason", "missing reason; a leaving says why the participant leaves"]]);
    expect(await refused({ initiativeId: "NOPE", organisation: B, at: day(30) })).toEqual([["BAD_USER_INPUT", "initiativeId", 'unknown initiative "NOPE"; expected the id of a stored initiative']]);
    expect(graph.db.sql.prepare("SELECT (SELECT COUNT(*) FROM audit_log) AS audit, (SELECT data_version FROM (SELECT CAST(value AS INTEGER) AS data_version FROM meta WHERE key = 'data_version') v) AS version").get()).toEqual(before);
  });

  it("is under the editor's borough scope, as addParticipants: a borough not taking part is FORBIDDEN, one taking part may", async () => {
    const r = await gql(LEAVE, { input: { initiativeId: "L1", organisation: B, at: day(40), reason: "test" } }, STRANGER);
    expect(r.errors!.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    const d = await ok(LEAVE, { input: { initiativeId: "L1", organisation: B, at: day(40), reason: "moved to another ISA" } }, OTHER_EDITOR);
    expect(d.leaveInitiative.boroughs).toEqual([
      { borough: { code: A }, joinedAt: null, leftAt: null },
      { borough: { code: B }, joinedAt: null, leftAt: day(40) },
    ]);
    // B had signed on day 10, before it left: its sign-off stays, the stage stays approved at day 25.
    expect((await ok(cycle("L1"))).cycleTimes).toEqual([{ count: 1, approvedCount: 1, openCount: 0, median: 25 }]);
  });
});
