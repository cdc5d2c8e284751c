import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMDEN, gql, securityHub } from "../../server/security/fixture.js";
import { snapshot } from "../../db/import/helpers.js";

const RECORD_MANY = `mutation($events: [RecordStageEventInput!]!) { recordStageEvents(events: $events) { stage kind at borough { code } sourceRef recordedBy } }`;

let env: Awaited<ReturnType<typeof securityHub>>;
beforeAll(async () => {
  env = await securityHub();
  // A Camden initiative beside the fixture's Hackney one (i-1).
  env.db.sql
    .prepare("INSERT INTO initiatives (id, title, lead_borough, tool_slug, process_slug, status, created_at, recorded_at, recorded_by) VALUES ('c-1', 'Camden flow', ?, 'manual', 'loti-2019', 'ACTIVE', '2024-01-01', 0, 'test')")
    .run(CAMDEN);
  env.db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('c-1', ?, 'LEAD')").run(CAMDEN);
});
afterAll(async () => env?.close());

const ev = (initiativeId: string, kind: string, at: string, sourceRef: string, borough?: string) => ({ initiativeId, stage: "DPIA", kind, at, sourceRef, ...(borough ? { borough } : {}) });

describe("recordStageEvents", () => {
  it("records the events all together, in input order, and a retry records nothing twice", async () => {
    const events = [ev("c-1", "SUBMITTED", "2024-02-01T09:00:00Z", "b1"), ev("c-1", "APPROVED", "2024-02-10T09:00:00Z", "b2", CAMDEN)];
    const r = await gql(env.hub.url, RECORD_MANY, { key: env.keys.camden.secret, variables: { events } });
    expect(r.json).toEqual({
      data: {
        recordStageEvents: [
          { stage: "DPIA", kind: "SUBMITTED", at: "2024-02-01T09:00:00.000Z", borough: null, sourceRef: "b1", recordedBy: env.keys.camden.id },
          { stage: "DPIA", kind: "APPROVED", at: "2024-02-10T09:00:00.000Z", borough: { code: CAMDEN }, sourceRef: "b2", recordedBy: env.keys.camden.id },
        ],
      },
    });
    const retry = await gql(env.hub.url, RECORD_MANY, { key: env.keys.camden.secret, variables: { events } });
    expect(retry.json.errors).toBeUndefined();
    expect(env.db.sql.prepare("SELECT source_ref FROM stage_events WHERE initiative_id = 'c-1' ORDER BY id").pluck().all()).toEqual(["b1", "b2"]);
  });

  it("refuses all of them when one is bad, naming its index and field; nothing is written", async () => {
    const before = snapshot(env.db);
    const r = await gql(env.hub.url, RECORD_MANY, { key: env.keys.admin.secret, variables: { events: [ev("c-1", "QUERY_RAISED", "2024-02-03T09:00:00Z", "b3", CAMDEN), ev("c-1", "RESUBMITTED", "not a date", "b4")] } });
    expect(r.json.data).toBeNull();
    expect(r.json.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", index: 1, field: "at" });
    expect(r.json.errors?.[0]?.message).toMatch(/^events\[1\]: /);
    expect(snapshot(env.db)).toEqual(before);
  });

  it("refuses more than 500 events naming the limit, and an editor's event of another borough's initiative", async () => {
    const many = Array.from({ length: 501 }, (_, i) => ev("c-1", "QUERY_RAISED", "2024-02-03T09:00:00Z", `m${i}`, CAMDEN));
    const tooMany = await gql(env.hub.url, RECORD_MANY, { key: env.keys.admin.secret, variables: { events: many } });
    expect(tooMany.json.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "events", limit: 500 });
    expect(tooMany.json.errors?.[0]?.message).toContain("at most 500 events");
    const before = snapshot(env.db);
    const other = await gql(env.hub.url, RECORD_MANY, { key: env.keys.camden.secret, variables: { events: [ev("c-1", "QUERY_RAISED", "2024-02-03T09:00:00Z", "x1", CAMDEN), ev("i-1", "SUBMITTED", "2024-02-03T09:00:00Z", "x2")] } });
    expect(other.json.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", initiativeId: "i-1" });
    expect(snapshot(env.db)).toEqual(before);
  });
});
