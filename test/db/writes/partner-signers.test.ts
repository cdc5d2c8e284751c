import { describe, expect, it } from "vitest";
import type { Viewer } from "../../../schema/context.js";
import { ADMIN, useGraphHarness } from "./graph.harness.js";

/**
 * Every participating organisation signs (issue 13, first "Done when"): boroughs E09000007 (lead)
 * and E09000012 and the partner met-police. The ISA is submitted on day 0, approved by both
 * boroughs on day 10 and by the police on day 30. Expectations are worked out by hand from those
 * days (calendar days; every instant at 10:00 UTC, so whole days).
 */

const LEAD_EDITOR: Viewer = { role: "editor", keyId: "key-camden", boroughs: ["E09000007"] };

const graph = useGraphHarness();
const gql = graph.gql;

const day = (n: number) => new Date(Date.UTC(2024, 2, 1 + n, 10)).toISOString();
const CYCLE = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"] }) { stage count approvedCount openCount median } }`;
const SIGN_OFFS = `{ signOffTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["ISA"] }) {
  borough organisation isBorough stage signedCount pendingCount median lastToSignCount stagesWithPeers lastToSignShare peerMedian differenceFromPeers } }`;

async function record(input: Record<string, unknown>, as: Viewer = ADMIN): Promise<string> {
  const r = await gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id organisation borough { code } } }`, { input: { initiativeId: "P1", stage: "ISA", ...input } }, as);
  expect(r.errors).toBeUndefined();
  return r.data!.recordStageEvent.id as string;
}

describe("a partner organisation that signs last", () => {
  let police = "";
  it("holds the stage open until it signs: time to approval is the police's day 30, not the boroughs' day 10", async () => {
    const c = await gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, {
      input: { id: "P1", title: "Pan-London ISA", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["met-police"], tool: "manual", createdAt: "2024-03-01" },
    });
    expect(c.errors).toBeUndefined();
    await record({ kind: "SUBMITTED", at: day(0) });
    await record({ kind: "APPROVED", borough: "E09000007", at: day(10) });
    await record({ kind: "APPROVED", organisation: "E09000012", at: day(10) });
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", count: 1, approvedCount: 0, openCount: 1, median: null }] });
    // The lead borough's editor records the police's sign-off on its behalf (audited as such).
    police = await record({ kind: "APPROVED", organisation: "met-police", at: day(30) }, LEAD_EDITOR);
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", count: 1, approvedCount: 1, openCount: 0, median: 30 }] });
    expect(graph.db.sql.prepare("SELECT authority_code, organisation_slug FROM stage_events WHERE id = ?").get(Number(police))).toEqual({ authority_code: null, organisation_slug: "met-police" });
    const audit = graph.db.sql.prepare("SELECT actor, detail FROM audit_log WHERE action = 'event.record' ORDER BY id DESC LIMIT 1").get() as { actor: string; detail: string };
    expect({ actor: audit.actor, ...JSON.parse(audit.detail) }).toMatchObject({ actor: "key-camden", kind: "APPROVED", borough: "met-police", onBehalfOf: "met-police" });
  });

  it("signOffTimes lists met-police as the last signer, beside the two boroughs", async () => {
    // Each signer's peers are the other two signers of the same stage: the boroughs' peers signed on
    // days 10 and 30 (median 20), the police's on days 10 and 10 (median 10).
    const borough = (code: string) => ({ borough: code, organisation: code, isBorough: true, stage: "ISA", signedCount: 1, pendingCount: 0, median: 10, lastToSignCount: 0, stagesWithPeers: 1, lastToSignShare: 0, peerMedian: 20, differenceFromPeers: -10 });
    expect((await gql(SIGN_OFFS)).data).toEqual({
      signOffTimes: [
        borough("E09000007"),
        borough("E09000012"),
        { borough: null, organisation: "met-police", isBorough: false, stage: "ISA", signedCount: 1, pendingCount: 0, median: 30, lastToSignCount: 1, stagesWithPeers: 1, lastToSignShare: 1, peerMedian: 10, differenceFromPeers: 20 },
      ],
    });
  });

  let corrected = "";
  it("correcting the police's APPROVED to day 20 gives 20 at once", async () => {
    const r = await gql(`mutation($id: ID!, $input: CorrectStageEventInput!, $reason: String!) { correctStageEvent(id: $id, input: $input, reason: $reason) { id organisation at } }`, {
      id: police,
      input: { at: day(20) },
      reason: "signed on the 21st",
    });
    expect(r.errors).toBeUndefined();
    corrected = r.data!.correctStageEvent.id;
    expect(r.data!.correctStageEvent).toEqual({ id: corrected, organisation: "met-police", at: day(20) });
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", count: 1, approvedCount: 1, openCount: 0, median: 20 }] });
  });

  it("retracting the police's APPROVED opens the stage again at once, with the police pending", async () => {
    const r = await gql(`mutation($id: ID!, $reason: String!) { retractStageEvent(id: $id, reason: $reason) { id retracted retraction { reason recordedBy } } }`, { id: corrected, reason: "not signed after all" });
    expect(r.data!.retractStageEvent).toEqual({ id: corrected, retracted: true, retraction: { reason: "not signed after all", recordedBy: "key-admin" } });
    expect((await gql(CYCLE)).data).toEqual({ cycleTimes: [{ stage: "ISA", count: 1, approvedCount: 0, openCount: 1, median: null }] });
    const rows = (await gql(SIGN_OFFS)).data!.signOffTimes as { organisation: string; signedCount: number; pendingCount: number }[];
    expect(rows.map((x) => [x.organisation, x.signedCount, x.pendingCount])).toEqual([
      ["E09000007", 1, 0],
      ["E09000012", 1, 0],
      ["met-police", 0, 1],
    ]);
    // Open items: the stage, waiting on the police alone, and the police's own signer item.
    const open = await gql(`{ openItems(initiativeId: "P1", asOf: "${day(40)}", unit: CALENDAR_DAYS) { totalCount items { initiativeId stage organisation age pendingSigners } } }`);
    expect(open.errors).toBeUndefined();
    expect(open.data!.openItems).toEqual({
      totalCount: 2,
      items: [
        { initiativeId: "P1", stage: "ISA", organisation: null, age: 40, pendingSigners: ["met-police"] },
        { initiativeId: "P1", stage: "ISA", organisation: "met-police", age: 40, pendingSigners: ["met-police"] },
      ],
    });
  });

  it("a partner recorded as not signing does not hold a stage up", async () => {
    const c = await gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, {
      input: { id: "P2", title: "Observer", leadBorough: "E09000007", boroughs: ["E09000007"], partners: ["nhs-ncl"], nonSigning: ["nhs-ncl"], tool: "manual", createdAt: "2024-03-01" },
    });
    expect(c.errors).toBeUndefined();
    for (const input of [{ kind: "SUBMITTED", at: day(0) }, { kind: "APPROVED", borough: "E09000007", at: day(5) }]) {
      const r = await gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`, { input: { initiativeId: "P2", stage: "DPIA", ...input } });
      expect(r.errors).toBeUndefined();
    }
    expect(graph.db.sql.prepare("SELECT outcome, approved_at FROM stage_cycles WHERE initiative_id = 'P2'").get()).toEqual({ outcome: "APPROVED", approved_at: Date.parse(day(5)) });
  });

  it("borough and organisation that disagree are refused with BAD_USER_INPUT, nothing written", async () => {
    const before = graph.db.sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get();
    const r = await gql(`mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { id } }`, { input: { initiativeId: "P1", stage: "ISA", kind: "APPROVED", borough: "E09000007", organisation: "met-police", at: day(40) } });
    expect(r.errors?.map((e) => e.extensions.code)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors?.[0]?.message).toContain("disagree");
    expect(graph.db.sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get()).toBe(before);
  });
});

/**
 * A correction that changes who signed last: the CONCEPT of P3 (boroughs E09000007 and E09000012,
 * partner met-police) is submitted on day 0 and signed by the boroughs on days 10 and 14; the
 * police's sign-off is keyed in as day 30 and corrected to day 5. Worked out by hand: before, the
 * police are last (30 days to approval); after, E09000012 is (14 days), and each signer's peers
 * are the other two signers' days.
 */
describe("a correction that moves the last signer from a partner to a borough", () => {
  const CONCEPT_CYCLE = `{ cycleTimes(unit: CALENDAR_DAYS, asOf: "2024-12-31T00:00:00Z", filter: { stages: ["CONCEPT"] }) { stage count approvedCount openCount median } }`;
  const CONCEPT_SIGN_OFFS = SIGN_OFFS.replace('stages: ["ISA"]', 'stages: ["CONCEPT"]');
  const row = (organisation: string, median: number, last: number, peerMedian: number) => ({
    borough: organisation.startsWith("E") ? organisation : null,
    organisation,
    isBorough: organisation.startsWith("E"),
    stage: "CONCEPT",
    signedCount: 1,
    pendingCount: 0,
    median,
    lastToSignCount: last,
    stagesWithPeers: 1,
    lastToSignShare: last,
    peerMedian,
    differenceFromPeers: median - peerMedian,
  });
  let typed = "";

  it("with the police's sign-off typed as day 30, the police are last and the stage took 30 days", async () => {
    const c = await gql(`mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`, {
      input: { id: "P3", title: "Corrected ISA", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["met-police"], tool: "manual", createdAt: "2024-03-01" },
    });
    expect(c.errors).toBeUndefined();
    const at = (input: Record<string, unknown>) => record({ initiativeId: "P3", stage: "CONCEPT", ...input });
    await at({ kind: "SUBMITTED", at: day(0) });
    await at({ kind: "APPROVED", organisation: "E09000007", at: day(10) });
    await at({ kind: "APPROVED", organisation: "E09000012", at: day(14) });
    typed = await at({ kind: "APPROVED", organisation: "met-police", at: day(30) });
    expect((await gql(CONCEPT_CYCLE)).data).toEqual({ cycleTimes: [{ stage: "CONCEPT", count: 1, approvedCount: 1, openCount: 0, median: 30 }] });
    // Peers: E09000007's are days 14 and 30 (median 22), E09000012's 10 and 30 (20), the police's 10 and 14 (12).
    expect((await gql(CONCEPT_SIGN_OFFS)).data).toEqual({ signOffTimes: [row("E09000007", 10, 0, 22), row("E09000012", 14, 0, 20), row("met-police", 30, 1, 12)] });
  });

  it("corrected to day 5, E09000012 is last and the stage took 14 days; the log keeps the typed event, retracted with its reason", async () => {
    const r = await gql(`mutation($id: ID!, $input: CorrectStageEventInput!, $reason: String!) { correctStageEvent(id: $id, input: $input, reason: $reason) { id organisation at } }`, {
      id: typed,
      input: { at: day(5) },
      reason: "signed on the 6th, typed the 31st",
    });
    expect(r.errors).toBeUndefined();
    const corrected = r.data!.correctStageEvent.id as string;
    expect(r.data!.correctStageEvent).toEqual({ id: corrected, organisation: "met-police", at: day(5) });
    expect((await gql(CONCEPT_CYCLE)).data).toEqual({ cycleTimes: [{ stage: "CONCEPT", count: 1, approvedCount: 1, openCount: 0, median: 14 }] });
    // Peers: E09000007's are days 14 and 5 (median 9.5), E09000012's 10 and 5 (7.5), the police's 10 and 14 (12).
    expect((await gql(CONCEPT_SIGN_OFFS)).data).toEqual({ signOffTimes: [row("E09000007", 10, 0, 9.5), row("E09000012", 14, 1, 7.5), row("met-police", 5, 0, 12)] });
    const log = await gql(`{ initiative(id: "P3") { events(first: 20) { edges { node { id kind at organisation retracted retracts reason retraction { reason recordedBy } } } } } }`);
    expect(log.errors).toBeUndefined();
    const police = log.data!.initiative.events.edges.map((e: { node: Record<string, unknown> }) => e.node).filter((n: Record<string, unknown>) => n.organisation === "met-police" || n.kind === "RETRACTED");
    expect(police).toEqual(
      expect.arrayContaining([
        { id: typed, kind: "APPROVED", at: day(30), organisation: "met-police", retracted: true, retracts: null, reason: null, retraction: { reason: "signed on the 6th, typed the 31st", recordedBy: "key-admin" } },
        { id: corrected, kind: "APPROVED", at: day(5), organisation: "met-police", retracted: false, retracts: null, reason: null, retraction: null },
        expect.objectContaining({ kind: "RETRACTED", retracts: typed, reason: "signed on the 6th, typed the 31st", retracted: false }),
      ]),
    );
    expect(police).toHaveLength(3);
  });
});
