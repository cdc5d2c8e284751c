import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMDEN, HACKNEY, gql, securityHub } from "./fixture.js";

/** Who may write, through the real mutations, and what the audit trail says about it. */
describe("writes per role", () => {
  let f: Awaited<ReturnType<typeof securityHub>>;
  beforeAll(async () => {
    f = await securityHub();
  });
  afterAll(() => f.close());

  const record = `mutation R($input: RecordStageEventInput!) { recordStageEvent(input: $input) { kind recordedBy } }`;
  const event = (ref: string) => ({ input: { initiativeId: "i-1", stage: "IDEA", kind: "SUBMITTED", at: "2024-02-01T10:00:00Z", source: "sec-test", sourceRef: ref } });
  const events = () => (f.db.sql.prepare("SELECT source_ref AS ref, recorded_by AS who FROM stage_events WHERE source = 'sec-test' ORDER BY id").all() as { ref: string; who: string }[]);

  it("refuses anonymous, viewer and an editor of a borough that does not take part, and stores nothing", async () => {
    for (const [who, key] of [["anonymous", undefined], ["viewer", f.keys.viewer.secret], ["camden", f.keys.camden.secret]] as const) {
      const r = await gql(f.hub.url, record, { key, variables: event(`refused-${who}`) });
      expect(r.json.data).toBeNull(); // recordStageEvent is non-null: the error nulls the whole result
      expect(r.json.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    }
    expect(events()).toEqual([]);
  });

  it("lets an editor of a participating borough and an admin write, each audited under its key id", async () => {
    const h = await gql(f.hub.url, record, { key: f.keys.hackney.secret, variables: event("by-hackney") });
    expect(h.json).toEqual({ data: { recordStageEvent: { kind: "SUBMITTED", recordedBy: f.keys.hackney.id } } });
    const a = await gql(f.hub.url, record, { key: f.keys.admin.secret, variables: { input: { ...event("by-admin").input, kind: "QUERY_RAISED", at: "2024-02-02T10:00:00Z" } } });
    expect(a.json.errors).toBeUndefined();
    expect(events()).toEqual([
      { ref: "by-hackney", who: f.keys.hackney.id },
      { ref: "by-admin", who: f.keys.admin.id },
    ]);
    const actors = f.db.sql.prepare("SELECT actor FROM audit_log WHERE entity_type = 'initiative' AND entity_id = 'i-1' ORDER BY id").all();
    expect(actors).toEqual([{ actor: f.keys.hackney.id }, { actor: f.keys.admin.id }]);
  });

  it("lets an editor create an initiative only when one of its boroughs takes part", async () => {
    const create = `mutation C($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`;
    const input = (id: string, boroughs: string[]) => ({ input: { id, title: "T", leadBorough: boroughs[0], boroughs, tool: "manual", createdAt: "2024-03-01" } });
    const refused = await gql(f.hub.url, create, { key: f.keys.camden.secret, variables: input("not-mine", [HACKNEY]) });
    expect(refused.json.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const ok = await gql(f.hub.url, create, { key: f.keys.camden.secret, variables: input("mine", [HACKNEY, CAMDEN]) });
    expect(ok.json).toEqual({ data: { createInitiative: { id: "mine" } } });
    expect(f.db.sql.prepare("SELECT id FROM initiatives WHERE id IN ('mine', 'not-mine')").all()).toEqual([{ id: "mine" }]);
  });

  // U+0000 cannot be stored in PostgreSQL text, so there the write's first lookup fails inside its
  // transaction. The session must roll back: left open, the transaction would stay aborted and
  // every later request on the connection would fail (500s), as it did before this test.
  it("keeps serving reads and writes after a write that fails inside its transaction", async () => {
    const bad = await gql(f.hub.url, record, { key: f.keys.admin.secret, variables: { input: { ...event("nul").input, initiativeId: "i-1\u0000" } } });
    expect(bad.status).toBeLessThan(500);
    expect(bad.json.data).toBeNull();
    expect(bad.json.errors).toHaveLength(1);
    const read = await gql(f.hub.url, `{ initiative(id: "i-1") { id } }`);
    expect(read.json).toEqual({ data: { initiative: { id: "i-1" } } });
    const ok = await gql(f.hub.url, record, { key: f.keys.admin.secret, variables: { input: { ...event("after-failed").input, kind: "RESUBMITTED", at: "2024-02-03T10:00:00Z" } } });
    expect(ok.json).toEqual({ data: { recordStageEvent: { kind: "RESUBMITTED", recordedBy: f.keys.admin.id } } });
    expect(events().map((e) => e.ref)).toEqual(["by-hackney", "by-admin", "after-failed"]);
  });

  it("keeps the audit trail of API keys for admins", async () => {
    const q = `{ auditLog(entityType: "api_key", entityId: "${f.keys.camden.id}") { totalCount } }`;
    expect((await gql(f.hub.url, q, { key: f.keys.viewer.secret })).json.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect((await gql(f.hub.url, q, { key: f.keys.admin.secret })).json).toEqual({ data: { auditLog: { totalCount: 1 } } });
  });

  it("answers an audit query for a key holding U+0000 with nothing, and refuses a cursor that is not a row id", async () => {
    const q = `query($id: String!, $a: String) { auditLog(entityType: "initiative", entityId: $id, after: $a) { totalCount edges { node { id } } } }`;
    const nul = await gql(f.hub.url, q, { key: f.keys.admin.secret, variables: { id: "i-1\u0000" } });
    expect(nul.json).toEqual({ data: { auditLog: { totalCount: 0, edges: [] } } });
    const forged = await gql(f.hub.url, q, { key: f.keys.admin.secret, variables: { id: "i-1", a: Buffer.from('audit:["x"]').toString("base64url") } });
    expect(forged.json.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });
});
