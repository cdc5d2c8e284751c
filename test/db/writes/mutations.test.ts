import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { getDatasetKind } from "../../../db/meta.js";
import { createHub, type Hub } from "../../../server/app.js";
import { loadConfig } from "../../../server/config.js";
import type { Viewer } from "../../../schema/context.js";
import { counts } from "../import/helpers.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };
const ADMIN: Viewer = { role: "admin", keyId: "key-admin", boroughs: [] };

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  hub = await createHub({ config, db, resolveViewer: async () => ADMIN });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const CREATE = `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { id title status createdAt } }`;
const RECORD = `mutation($input: RecordStageEventInput!) { recordStageEvent(input: $input) { stage kind at source sourceRef recordedBy } }`;
const ADD = `mutation($input: AddParticipantsInput!) { addParticipants(input: $input) { id } }`;
const NEW = { id: "G1", title: "Hand-entered", leadBorough: "E09000007", boroughs: ["E09000007", "E09000012"], partners: ["nhs-ncl"], nonSigning: ["nhs-ncl"], tool: "manual", practices: [], createdAt: "2024-05-01" };

describe("mutations", () => {
  it("create an initiative, record events and add a participant; every write is audited with the viewer's key", async () => {
    expect(await gql(CREATE, { input: NEW })).toEqual({ data: { createInitiative: { id: "G1", title: "Hand-entered", status: "ACTIVE", createdAt: "2024-05-01" } } });
    expect(await gql(RECORD, { input: { initiativeId: "G1", stage: "DPIA", kind: "SUBMITTED", at: "2024-05-02T09:00:00+01:00", sourceRef: "r1" } })).toEqual({
      data: { recordStageEvent: { stage: "DPIA", kind: "SUBMITTED", at: "2024-05-02T08:00:00.000Z", source: "manual", sourceRef: "r1", recordedBy: "key-admin" } },
    });
    await gql(RECORD, { input: { initiativeId: "G1", stage: "DPIA", borough: "E09000007", kind: "APPROVED", at: "2024-05-03T09:00:00Z", sourceRef: "r2" } });
    await gql(RECORD, { input: { initiativeId: "G1", stage: "DPIA", borough: "E09000012", kind: "APPROVED", at: "2024-05-04T09:00:00Z", sourceRef: "r3" } });
    expect(db.sql.prepare("SELECT outcome, approved_at FROM stage_cycles WHERE initiative_id = 'G1'").get()).toEqual({ outcome: "APPROVED", approved_at: Date.UTC(2024, 4, 4, 9) });
    // A new borough must sign too: the stage is open again.
    expect(await gql(ADD, { input: { initiativeId: "G1", boroughs: ["E09000019"] } })).toEqual({ data: { addParticipants: { id: "G1" } } });
    expect(db.sql.prepare("SELECT outcome FROM stage_cycles WHERE initiative_id = 'G1'").pluck().get()).toBe("OPEN");
    // A retried request with the same sourceRef does not record twice.
    await gql(RECORD, { input: { initiativeId: "G1", stage: "DPIA", kind: "SUBMITTED", at: "2024-05-02T09:00:00+01:00", sourceRef: "r1" } });
    expect(db.sql.prepare("SELECT COUNT(*) FROM stage_events WHERE initiative_id = 'G1'").pluck().get()).toBe(3);
    expect(getDatasetKind(db.sql)).toBe("imported");

    const trail = await gql(`{ initiative(id: "G1") { auditTrail(first: 10) { totalCount edges { node { actor action entityType entityId } } } } }`);
    expect(trail).toEqual({
      data: {
        initiative: {
          auditTrail: {
            totalCount: 5,
            edges: [
              { node: { actor: "key-admin", action: "initiative.create", entityType: "initiative", entityId: "G1" } },
              { node: { actor: "key-admin", action: "event.record", entityType: "initiative", entityId: "G1" } },
              { node: { actor: "key-admin", action: "event.record", entityType: "initiative", entityId: "G1" } },
              { node: { actor: "key-admin", action: "event.record", entityType: "initiative", entityId: "G1" } },
              { node: { actor: "key-admin", action: "participants.add", entityType: "initiative", entityId: "G1" } },
            ],
          },
        },
      },
    });
    const page = await gql(`{ auditLog(entityType: "initiative", entityId: "G1", first: 2) { edges { node { action detail } } pageInfo { hasNextPage endCursor } } }`);
    const log = page.data!.auditLog as { edges: { node: { action: string; detail: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(log.edges.map((e) => e.node.action)).toEqual(["initiative.create", "event.record"]);
    expect(JSON.parse(log.edges[1]!.node.detail)).toMatchObject({ stage: "DPIA", kind: "SUBMITTED", borough: null, at: "2024-05-02T08:00:00.000Z" });
    const next = await gql(`query($after: String) { auditLog(entityType: "initiative", entityId: "G1", first: 10, after: $after) { edges { node { action } } } }`, { after: log.pageInfo.endCursor });
    expect((next.data!.auditLog as { edges: { node: { action: string } }[] }).edges.map((e) => e.node.action)).toEqual(["event.record", "event.record", "participants.add"]);
  });

  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ["unknown lead borough", CREATE, { ...NEW, id: "X1", leadBorough: "E09000099", boroughs: ["E09000099"] }, "leadBorough", 'unknown borough code "E09000099"; expected a London GSS code E09000001..E09000033'],
    ["unknown tool", CREATE, { ...NEW, id: "X1", tool: "excel" }, "tool", 'unknown tool "excel"; expected one of ecins, flowz, icase, isg, manual, onelondon, weisf'],
    ["bad createdAt", CREATE, { ...NEW, id: "X1", createdAt: "May 2024" }, "createdAt", '"May 2024" is not a date; expected an ISO 8601 date YYYY-MM-DD'],
    ["an id in use", CREATE, { ...NEW, id: "G1" }, "id", "initiative G1 already exists; expected a new id (use addParticipants or recordStageEvent to change it)"],
    ["unknown initiative", RECORD, { initiativeId: "NOPE", stage: "DPIA", kind: "SUBMITTED", at: "2024-05-02" }, "initiativeId", 'unknown initiative "NOPE"; expected the id of an initiative in the initiatives file or the database'],
    ["unknown stage", RECORD, { initiativeId: "G1", stage: "SIGN", kind: "SUBMITTED", at: "2024-05-02" }, "stage", 'unknown stage "SIGN" for process loti-2019; expected one of IDEA, CONCEPT, DPIA, ISA, REVIEW'],
    ["a borough not taking part", RECORD, { initiativeId: "G1", stage: "DPIA", borough: "E09000001", kind: "APPROVED", at: "2024-05-09" }, "borough", "borough E09000001 does not take part in initiative G1; expected one of E09000007, E09000012, E09000019, nhs-ncl, or empty for an initiative-wide event"],
    ["a bad timestamp", RECORD, { initiativeId: "G1", stage: "DPIA", kind: "QUERY_RAISED", at: "tomorrow" }, "at", '"tomorrow" is not a timestamp; expected ISO 8601 with Z or an offset (2024-03-01T09:30:00Z, 2024-03-01T09:30:00+01:00) or a date alone (2024-03-01, a London date)'],
    ["APPROVED before SUBMITTED", RECORD, { initiativeId: "G1", stage: "DPIA", borough: "E09000019", kind: "APPROVED", at: "2024-05-01T00:00:00Z" }, "at", "APPROVED at 2024-05-01T00:00:00.000Z is before stage DPIA's first SUBMITTED (2024-05-02T08:00:00.000Z) of initiative G1; expected an approval at or after the submission"],
    ["APPROVED of a stage not submitted", RECORD, { initiativeId: "G1", stage: "ISA", kind: "APPROVED", at: "2024-05-09" }, "kind", "APPROVED for stage ISA of initiative G1, which has no SUBMITTED event; expected the stage's SUBMITTED first (in the database or the file)"],
    ["a sourceRef reused for another event", RECORD, { initiativeId: "G1", stage: "DPIA", kind: "SUBMITTED", at: "2024-06-02T09:00:00Z", sourceRef: "r1" }, "at", 'event (source manual, source_ref r1) is already stored with a different at (stored "2024-05-02T08:00:00.000Z", here "2024-06-02T09:00:00.000Z"); expected the same content, or a new source_ref'],
    ["an unknown borough joining", ADD, { initiativeId: "G1", boroughs: ["W06000015"] }, "boroughs", 'unknown borough code "W06000015"; expected London GSS codes E09000001..E09000033'],
    // U+0000 cannot be stored in PostgreSQL text; both databases refuse it by field instead of a 500.
    ["an id holding U+0000", CREATE, { ...NEW, id: "G\u00002" }, "id", "id contains the NUL character (U+0000); expected text without control character U+0000"],
    ["a sourceRef holding U+0000", RECORD, { initiativeId: "G1", stage: "DPIA", kind: "SUBMITTED", at: "2024-05-02", sourceRef: "r\u0000" }, "sourceRef", "source_ref contains the NUL character (U+0000); expected text without control character U+0000"],
    ["an initiative id holding U+0000", ADD, { initiativeId: "G\u00001", boroughs: ["E09000019"] }, "initiativeId", "initiative_id contains the NUL character (U+0000); expected text without control character U+0000"],
  ];
  for (const [rule, mutation, input, field, message] of cases) {
    it(`refuses ${rule}: BAD_USER_INPUT naming ${field}, nothing written`, async () => {
      const before = counts(db);
      const r = await gql(mutation, { input });
      expect(r.errors).toHaveLength(1);
      expect({ message: r.errors![0]!.message, code: r.errors![0]!.extensions.code, field: r.errors![0]!.extensions.field }).toEqual({ message, code: "BAD_USER_INPUT", field });
      expect(counts(db)).toEqual(before);
    });
  }
});
