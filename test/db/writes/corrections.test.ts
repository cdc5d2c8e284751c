import { describe, expect, it } from "vitest";
import type { Viewer } from "../../../schema/context.js";
import { useGraphHarness } from "./graph.harness.js";

/**
 * Corrections that never erase (retractStageEvent, correctStageEvent) and updateInitiative, through
 * the graph of one hub process: every answer after a write comes from the same process, so the
 * metrics cache must see the write at once (through the analytics change log).
 */

const OTHER_EDITOR: Viewer = { role: "editor", keyId: "key-city", boroughs: ["E09000001"] };
const EDITOR: Viewer = { role: "editor", keyId: "key-camden", boroughs: ["E09000007"] };
const HACKNEY_EDITOR: Viewer = { role: "editor", keyId: "key-hackney", boroughs: ["E09000012"] };

const graph = useGraphHarness();
const gql = graph.gql;

const CREATE = `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`;
const RECORD = `mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`;
const RETRACT = `mutation($id: ID!, $reason: String!) { retractStageEvent(id: $id, reason: $reason) { id kind retracted retraction { at reason recordedBy } } }`;
const CORRECT = `mutation($id: ID!, $input: CorrectStageEventInput!, $reason: String!) { correctStageEvent(id: $id, input: $input, reason: $reason) { id kind at retracted } }`;
const DPIA = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["DPIA"] }) { stage count approvedCount openCount median } }`;
const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();

async function record(stage: string, kind: string, n: number, borough?: string): Promise<string> {
  const r = await gql(RECORD, { input: { initiativeId: "C1", stage, kind, at: day(n), ...(borough ? { borough } : {}) } });
  expect(r.errors).toBeUndefined();
  return r.data!.recordStageEvent.id as string;
}

describe("corrections", () => {
  let lastApproval = "";
  it("an initiative with two boroughs, approved by one on day 10 and the other on day 30, takes 30 days to approval", async () => {
    expect((await gql(CREATE, { input: { id: "C1", title: "Two boroughs", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], tool: "manual", createdAt: "2024-03-01" } })).errors).toBeUndefined();
    await record("DPIA", "SUBMITTED", 0);
    await record("DPIA", "APPROVED", 10, "E09000007");
    lastApproval = await record("DPIA", "APPROVED", 30, "E09000012");
    expect((await gql(DPIA)).data).toEqual({ cycleTimes: [{ stage: "DPIA", count: 1, approvedCount: 1, openCount: 0, median: 30 }] });
  });

  it("an editor of another borough may not retract the initiative's events", async () => {
    const r = await gql(RETRACT, { id: lastApproval, reason: "not mine" }, OTHER_EDITOR);
    expect(r.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    expect(r.errors?.[0]?.message).toContain("initiative C1 involves E09000007, E09000012");
    expect(graph.db.sql.prepare("SELECT COUNT(*) FROM stage_events WHERE kind = 'RETRACTED'").pluck().get()).toBe(0);
  });

  let corrected = "";
  it("an editor of the lead borough may not correct (or retract) another borough's sign-off: the signer check of recordStageEvent applies", async () => {
    const corr = await gql(CORRECT, { id: lastApproval, input: { at: day(40) }, reason: "typed the wrong day" }, EDITOR);
    expect(corr.errors?.map((e) => [e.extensions.code, e.message])).toEqual([
      ["FORBIDDEN", "Your key (editor for E09000007) may record APPROVED only for its own boroughs; E09000012 signs for itself (an admin may record it on its behalf)."],
    ]);
    const ret = await gql(RETRACT, { id: lastApproval, reason: "not mine to take back" }, EDITOR);
    expect(ret.errors?.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    // Nor may it turn its own sign-off into another borough's by a correction.
    const own = graph.db.sql.prepare("SELECT id FROM stage_events WHERE initiative_id = 'C1' AND kind = 'APPROVED' AND authority_code = 'E09000007'").pluck().get() as number;
    const moved = await gql(CORRECT, { id: String(own), input: { borough: "E09000012" }, reason: "wrong borough" }, EDITOR);
    expect(moved.errors?.map((e) => e.extensions.code)).toEqual(["FORBIDDEN"]);
    expect(graph.db.sql.prepare("SELECT COUNT(*) FROM stage_events WHERE kind = 'RETRACTED'").pluck().get()).toBe(0);
  });

  it("correcting the last APPROVED to day 40 gives 40 at once; the mistaken event stays in the log, marked", async () => {
    const r = await gql(CORRECT, { id: lastApproval, input: { at: day(40) }, reason: "typed the wrong day" }, HACKNEY_EDITOR);
    expect(r.errors).toBeUndefined();
    corrected = r.data!.correctStageEvent.id;
    expect(r.data!.correctStageEvent).toEqual({ id: corrected, kind: "APPROVED", at: day(40), retracted: false });
    expect((await gql(DPIA)).data).toEqual({ cycleTimes: [{ stage: "DPIA", count: 1, approvedCount: 1, openCount: 0, median: 40 }] });
  });

  it("retracting the corrected APPROVED opens the stage again at once; the event log keeps both, marked, with reason and author", async () => {
    const r = await gql(RETRACT, { id: corrected, reason: "that borough has not signed yet" });
    expect(r.errors).toBeUndefined();
    expect(r.data!.retractStageEvent).toMatchObject({ id: corrected, kind: "APPROVED", retracted: true, retraction: { reason: "that borough has not signed yet", recordedBy: "key-admin" } });
    expect((await gql(DPIA)).data).toEqual({ cycleTimes: [{ stage: "DPIA", count: 1, approvedCount: 0, openCount: 1, median: null }] });
    expect(graph.db.sql.prepare("SELECT outcome FROM stage_cycles WHERE initiative_id = 'C1' AND stage = 'DPIA'").pluck().get()).toBe("OPEN");

    const log = await gql(`{ initiative(id: "C1") { events(first: 20) { edges { node { id kind at retracted retracts reason recordedBy retraction { reason recordedBy } borough { code } } } } } }`);
    const nodes = log.data!.initiative.events.edges.map((e: { node: unknown }) => e.node);
    const retractions = nodes.filter((n: { kind: string }) => n.kind === "RETRACTED");
    expect(nodes.filter((n: { kind: string }) => n.kind !== "RETRACTED")).toEqual([
      { id: expect.any(String), kind: "SUBMITTED", at: day(0), retracted: false, retracts: null, reason: null, recordedBy: "key-admin", retraction: null, borough: null },
      { id: expect.any(String), kind: "APPROVED", at: day(10), retracted: false, retracts: null, reason: null, recordedBy: "key-admin", retraction: null, borough: { code: "E09000007" } },
      { id: lastApproval, kind: "APPROVED", at: day(30), retracted: true, retracts: null, reason: null, recordedBy: "key-admin", retraction: { reason: "typed the wrong day", recordedBy: "key-hackney" }, borough: { code: "E09000012" } },
      { id: corrected, kind: "APPROVED", at: day(40), retracted: true, retracts: null, reason: null, recordedBy: "key-hackney", retraction: { reason: "that borough has not signed yet", recordedBy: "key-admin" }, borough: { code: "E09000012" } },
    ]);
    expect(retractions.map((n: { retracts: string; reason: string; recordedBy: string; retracted: boolean }) => [n.retracts, n.reason, n.recordedBy, n.retracted])).toEqual([
      [lastApproval, "typed the wrong day", "key-hackney", false],
      [corrected, "that borough has not signed yet", "key-admin", false],
    ]);

    const trail = await gql(`{ initiative(id: "C1") { auditTrail(first: 20) { edges { node { actor action detail } } } } }`);
    const actions = trail.data!.initiative.auditTrail.edges.map((e: { node: { actor: string; action: string } }) => `${e.node.actor} ${e.node.action}`);
    expect(actions.slice(-3)).toEqual(["key-hackney event.retract", "key-hackney event.record", "key-admin event.retract"]);
    const detail = JSON.parse(trail.data!.initiative.auditTrail.edges.at(-1).node.detail);
    expect(detail).toMatchObject({ retracts: Number(corrected), stage: "DPIA", kind: "APPROVED", reason: "that borough has not signed yet" });
  });

  it("retracting twice, retracting a RETRACTED event, an unknown id or without a reason is refused with BAD_USER_INPUT and writes nothing", async () => {
    const count = () => graph.db.sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get();
    const before = count();
    const retractionId = String(graph.db.sql.prepare("SELECT id FROM stage_events WHERE kind = 'RETRACTED' ORDER BY id LIMIT 1").pluck().get());
    const cases: [string, string, string][] = [
      [corrected, "again", `event ${corrected} is already retracted (by event `],
      [retractionId, "undo", `event ${retractionId} is a retraction itself; expected an event of the log (record the event again to undo a retraction)`],
      ["999999", "no such", `no event "999999" to retract; expected the id of a stored event`],
      [lastApproval, "  ", "missing reason; a retraction says why the event is taken back"],
    ];
    for (const [id, reason, message] of cases) {
      const r = await gql(RETRACT, { id, reason });
      expect(r.errors?.[0]?.extensions.code, message).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.message).toContain(message);
    }
    // A correction of an event retracted already writes neither the retraction nor the new event.
    const c = await gql(CORRECT, { id: corrected, input: { at: day(50) }, reason: "again" });
    expect(c.errors?.[0]?.message).toContain(`event ${corrected} is already retracted`);
    expect(count()).toBe(before);
    // recordStageEvent does not record a RETRACTED row.
    const k = await gql(RECORD, { input: { initiativeId: "C1", stage: "DPIA", kind: "RETRACTED", at: day(50) } });
    expect(k.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "kind" });
    expect(count()).toBe(before);
  });
});

describe("updateInitiative", () => {
  const BY_TOOL = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", groupBy: [TOOL], filter: { stages: ["IDEA"] }) { tool count approvedCount } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdateInitiativeInput!) { updateInitiative(id: $id, input: $input) { id title purpose tool { slug } practices { slug } status } }`;

  it("a tool change moves the initiative to its new cohort in every metric at once; the change is audited", async () => {
    for (const [id, tool] of [["U1", "manual"], ["U2", "manual"], ["U3", "isg"]] as const) {
      expect((await gql(CREATE, { input: { id, title: id, leadBorough: "E09000007", boroughs: ["E09000007"], tool, createdAt: "2024-03-01" } })).errors).toBeUndefined();
      expect((await gql(RECORD, { input: { initiativeId: id, stage: "IDEA", kind: "SUBMITTED", at: day(1) } })).errors).toBeUndefined();
      expect((await gql(RECORD, { input: { initiativeId: id, stage: "IDEA", kind: "APPROVED", at: day(3) } })).errors).toBeUndefined();
    }
    expect((await gql(BY_TOOL)).data).toEqual({ cycleTimes: [{ tool: "isg", count: 1, approvedCount: 1 }, { tool: "manual", count: 2, approvedCount: 2 }] });

    const r = await gql(UPDATE, { id: "U2", input: { tool: "isg", title: "Renamed", purpose: "Sharing for a reason", practices: ["common-dpia-template"], status: "LIVE" } }, EDITOR);
    expect(r).toEqual({ data: { updateInitiative: { id: "U2", title: "Renamed", purpose: "Sharing for a reason", tool: { slug: "isg" }, practices: [{ slug: "common-dpia-template" }], status: "LIVE" } } });
    expect((await gql(BY_TOOL)).data).toEqual({ cycleTimes: [{ tool: "isg", count: 2, approvedCount: 2 }, { tool: "manual", count: 1, approvedCount: 1 }] });

    const trail = await gql(`{ initiative(id: "U2") { auditTrail(first: 20) { edges { node { actor action detail } } } } }`);
    const last = trail.data!.initiative.auditTrail.edges.at(-1).node;
    expect(last.actor).toBe("key-camden");
    expect(last.action).toBe("initiative.update");
    expect(JSON.parse(last.detail)).toEqual({
      title: ["U2", "Renamed"],
      purpose: [null, "Sharing for a reason"],
      tool: ["manual", "isg"],
      status: ["ACTIVE", "LIVE"],
      practices: [[], ["common-dpia-template"]],
    });
  });

  it("is refused for another borough's initiative, an unknown tool or an unknown initiative", async () => {
    const forbidden = await gql(UPDATE, { id: "U1", input: { title: "Mine now" } }, OTHER_EDITOR);
    expect(forbidden.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    const tool = await gql(UPDATE, { id: "U1", input: { tool: "excel" } });
    expect(tool.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "tool" });
    const unknown = await gql(UPDATE, { id: "NOPE", input: { title: "x" } });
    expect(unknown.errors?.[0]?.message).toBe('unknown initiative "NOPE"; expected the id of a stored initiative');
    expect(graph.db.sql.prepare("SELECT title, tool_slug FROM initiatives WHERE id = 'U1'").get()).toEqual({ title: "U1", tool_slug: "manual" });
  });
});
