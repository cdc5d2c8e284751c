import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { createApiKey } from "../../db/keys.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { INGEST_MAX_BODY_BYTES } from "../../server/ingest.routes.js";
import { londonDate } from "../../analytics/working-days.js";
import { counts, snapshot } from "../db/import/helpers.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };

let db: HubDb;
let hub: Hub;
let keys: { admin: string; camden: string; hackney: string; viewer: string; camdenId: string };
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  const camden = createApiKey(db, { name: "Camden IG", role: "editor", boroughs: ["E09000007"] });
  keys = {
    admin: createApiKey(db, { name: "admin", role: "admin" }).secret,
    camden: camden.secret,
    camdenId: camden.id,
    hackney: createApiKey(db, { name: "Hackney IG", role: "editor", boroughs: ["E09000012"] }).secret,
    viewer: createApiKey(db, { name: "viewer", role: "viewer" }).secret,
  };
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

const ingest = (body: string, opts: { key?: string; type?: string; query?: string } = {}) =>
  fetch(new URL(`/ingest${opts.query ?? ""}`, hub.url), {
    method: "POST",
    headers: { "content-type": opts.type ?? "application/json", ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
    body,
  });

const initiative = (id: string, lead = "E09000007") => ({ id, title: `Push ${id}`, lead_borough: lead, boroughs: [lead], partners: [], tool: "manual", practices: [], status: "", created_at: "2025-01-06" });
const event = (initiativeId: string, kind: string, at: string, ref: string, stage = "DPIA") => ({ initiative_id: initiativeId, stage, borough: "", kind, at, source: "flow", source_ref: ref });

const good = {
  initiatives: [initiative("push-1"), initiative("push-2")],
  events: [event("push-1", "SUBMITTED", "2025-01-07", "p1-s"), event("push-1", "APPROVED", "2025-01-20", "p1-a"), event("push-2", "SUBMITTED", "2025-01-08", "p2-s")],
};

describe("POST /ingest", () => {
  it("refuses a push with one bad row with 422 naming file, line and column, writing nothing; without it 200; again adds nothing", async () => {
    const before = snapshot(db);
    const bad = { initiatives: good.initiatives, events: [...good.events.slice(0, 2), event("push-1", "FINISHED", "2025-01-21", "p1-x"), good.events[2]] };
    const refused = await ingest(JSON.stringify(bad), { key: keys.camden });
    expect(refused.status).toBe(422);
    const answer = await refused.json();
    expect(answer).toMatchObject({ committed: false, initiativesAdded: 0, eventsAdded: 0, skipped: 0 });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toMatchObject({ file: "events", line: 3, column: "kind" });
    expect(answer.errors[0].message).toContain("FINISHED");
    expect(snapshot(db)).toEqual(before);

    const done = await ingest(JSON.stringify(good), { key: keys.camden });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ committed: true, initiativesAdded: 2, eventsAdded: 3, skipped: 0, corrections: 0, warnings: [], moreWarnings: 0, errors: [] });
    const after = snapshot(db);
    expect(after.initiatives).toHaveLength(2);
    expect(db.sql.prepare("SELECT DISTINCT recorded_by FROM stage_events").pluck().all()).toEqual([keys.camdenId]);
    expect(db.sql.prepare("SELECT COUNT(*) FROM audit_log WHERE actor = ?").pluck().get(keys.camdenId)).toBeGreaterThan(0);

    const again = await ingest(JSON.stringify(good), { key: keys.camden });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ committed: true, initiativesAdded: 0, eventsAdded: 0, skipped: 5, corrections: 0, warnings: [], moreWarnings: 0, errors: [] });
    expect(snapshot(db)).toEqual(after);
  });

  it("names an unknown key of a record by its array and position", async () => {
    const res = await ingest(JSON.stringify({ events: [{ ...event("push-2", "APPROVED", "2025-01-30", "p2-a"), colour: "red" }] }), { key: keys.admin });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ file: "events", line: 1, column: "colour", message: 'unknown key "colour"; expected keys from initiative_id, stage, borough, kind, at, source, source_ref' }]);
  });

  it("answers 401 for a wrong key, 403 without one (anonymous reads only), for a viewer key and for another borough's initiative, writing nothing", async () => {
    const before = counts(db);
    expect((await ingest(JSON.stringify(good), { key: "ighub_0000000000000000_wrong" })).status).toBe(401);
    expect((await ingest(JSON.stringify(good))).status).toBe(403);
    expect((await ingest(JSON.stringify(good), { key: keys.viewer })).status).toBe(403);
    const other = await ingest(JSON.stringify({ events: [event("push-1", "QUERY_RAISED", "2025-01-09", "p1-q")] }), { key: keys.hackney });
    expect(other.status).toBe(403);
    expect((await other.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("not push-1") });
    expect(counts(db)).toEqual(before);
  });

  it("refuses a push in which an editor signs for another signer (issue 12 point 3): 403, nothing written", async () => {
    const before = counts(db);
    const shared = { ...initiative("push-3"), boroughs: ["E09000007", "E09000012"] };
    const hackneys = { ...event("push-3", "APPROVED", "2025-01-20", "p3-a"), borough: "E09000012" };
    const res = await ingest(JSON.stringify({ initiatives: [shared], events: [event("push-3", "SUBMITTED", "2025-01-07", "p3-s"), hackneys] }), { key: keys.camden });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: "Your key (editor for E09000007) may record APPROVED only for its own boroughs; E09000012 signs for itself (an admin may record it on its behalf). Nothing was written." });
    expect(counts(db)).toEqual(before);
  });

  it("reads a CSV export through a preset, idempotently", async () => {
    const sample = readFileSync(fileURLToPath(new URL("../../db/mapping/samples/weisf.sample.csv", import.meta.url)), "utf8");
    const query = "?mapping=weisf&leadBorough=E09000016&asOf=2025-06-01";
    const first = await ingest(sample, { key: keys.admin, type: "text/csv", query });
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ committed: true, initiativesAdded: 5, skipped: 0, corrections: 0, moreWarnings: 0, errors: [] });
    // Three of the sample's review dates are past with no review recorded (the fourth, 2030-01-01, is after asOf: a plan).
    const today = londonDate(Date.now());
    expect(answer.warnings).toEqual(
      [
        ["a-hospital-discharge", "2024-03-31"],
        ["d-youth-offending", "2025-03-01"],
        ["e-adult-safeguarding", "2025-05-31"],
      ].map(([id, due]) => ({
        code: "REVIEW_DATE_PASSED",
        initiativeId: `weisf-sample-protocol-${id}`,
        stage: "REVIEW",
        message: `the review fell due on ${due}, before the day it came in (${today}), and no REVIEW approval is recorded since; expected the review to be done or its date moved`,
      })),
    );
    const again = await ingest(sample, { key: keys.admin, type: "text/csv", query });
    expect(await again.json()).toEqual({ committed: true, initiativesAdded: 0, eventsAdded: 0, skipped: 5 + answer.eventsAdded, corrections: 0, warnings: [], moreWarnings: 0, errors: [] });
    const unknown = await ingest(sample, { key: keys.admin, type: "text/csv", query: "?mapping=excel" });
    expect(unknown.status).toBe(400);
  });

  it("refuses a body it does not read with 415 naming the three it does, and a body over the limit with 413", async () => {
    const xml = await ingest("<events/>", { key: keys.admin, type: "application/xml" });
    expect(xml.status).toBe(415);
    expect((await xml.json()).error).toEqual({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: 'Content-Type application/xml is not read; send application/json { "initiatives": [...], "events": [...] }, multipart/form-data with files "initiatives" and "events" (canonical CSV), or text/csv with ?mapping=<preset>',
    });
    const big = await ingest(`{"events":[${" ".repeat(INGEST_MAX_BODY_BYTES)}]}`, { key: keys.admin });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limit: INGEST_MAX_BODY_BYTES });
  });
});
