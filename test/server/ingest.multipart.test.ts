import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { createApiKey } from "../../db/keys.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { INGEST_MAX_BODY_BYTES } from "../../server/ingest.routes.js";
import { counts, snapshot } from "../db/import/helpers.js";

// POST /ingest with multipart/form-data: the files `initiatives` and `events` in the canonical CSV formats.

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };

let db: HubDb;
let hub: Hub;
let keys: { admin: string; camden: string; camdenId: string; hackney: string };
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  const camden = createApiKey(db, { name: "Camden IG", role: "editor", boroughs: ["E09000007"] });
  keys = {
    admin: createApiKey(db, { name: "admin", role: "admin" }).secret,
    camden: camden.secret,
    camdenId: camden.id,
    hackney: createApiKey(db, { name: "Hackney IG", role: "editor", boroughs: ["E09000012"] }).secret,
  };
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

/** A multipart form of named files (part name → [file name, text]); fetch writes the boundary. */
function form(files: Record<string, [string, string | Uint8Array<ArrayBuffer>]>): FormData {
  const body = new FormData();
  for (const [part, [name, content]] of Object.entries(files)) body.append(part, new Blob([content], { type: "text/csv" }), name);
  return body;
}

const post = (body: FormData | string, key?: string, type?: string) =>
  fetch(new URL("/ingest", hub.url), { method: "POST", headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(type ? { "content-type": type } : {}) }, body });

const INITIATIVES = `id,title,lead_borough,boroughs,partners,tool,practices,status,created_at
mp-1,"Multipart one, pushed",E09000007,E09000007,,manual,,,2025-01-06
mp-2,Multipart two,E09000007,E09000007,,manual,,,2025-01-06
`;
const EVENTS_HEADER = "initiative_id,stage,borough,kind,at,source,source_ref\n";
const GOOD_EVENTS = ["mp-1,DPIA,,SUBMITTED,2025-01-07,flow,mp1-s", "mp-1,DPIA,,APPROVED,2025-01-20,flow,mp1-a", "mp-2,DPIA,,SUBMITTED,2025-01-08,flow,mp2-s"];
const BAD_ROW = "mp-1,DPIA,,FINISHED,2025-01-21,flow,mp1-x";

describe("POST /ingest multipart/form-data", () => {
  it("refuses files with one bad row with 422 naming the file and its CSV line, writing nothing; without it 200; again adds nothing", async () => {
    const before = snapshot(db);
    const badEvents = EVENTS_HEADER + [...GOOD_EVENTS.slice(0, 2), BAD_ROW, GOOD_EVENTS[2]].join("\n") + "\n";
    const refused = await post(form({ initiatives: ["initiatives.csv", INITIATIVES], events: ["events.csv", badEvents] }), keys.camden);
    expect(refused.status).toBe(422);
    const answer = await refused.json();
    expect(answer).toMatchObject({ committed: false, initiativesAdded: 0, eventsAdded: 0, skipped: 0 });
    // The bad row is the file's fourth line (the header is line 1).
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toMatchObject({ file: "events.csv", line: 4, column: "kind" });
    expect(answer.errors[0].message).toContain("FINISHED");
    expect(snapshot(db)).toEqual(before);

    const goodForm = () => form({ initiatives: ["initiatives.csv", INITIATIVES], events: ["events.csv", EVENTS_HEADER + GOOD_EVENTS.join("\n") + "\n"] });
    const done = await post(goodForm(), keys.camden);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ committed: true, initiativesAdded: 2, eventsAdded: 3, skipped: 0, corrections: 0, warnings: [], moreWarnings: 0, errors: [] });
    const after = snapshot(db);
    expect(after.initiatives).toHaveLength(2);
    expect(db.sql.prepare("SELECT title FROM initiatives WHERE id = 'mp-1'").pluck().get()).toBe("Multipart one, pushed");
    expect(db.sql.prepare("SELECT DISTINCT recorded_by FROM stage_events").pluck().all()).toEqual([keys.camdenId]);
    expect(db.sql.prepare("SELECT COUNT(*) FROM audit_log WHERE actor = ?").pluck().get(keys.camdenId)).toBeGreaterThan(0);

    const again = await post(goodForm(), keys.camden);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ committed: true, initiativesAdded: 0, eventsAdded: 0, skipped: 5, corrections: 0, warnings: [], moreWarnings: 0, errors: [] });
    expect(snapshot(db)).toEqual(after);

    // The graph keeps the three pushes, newest first: counts, not records.
    const graph = async (query: string) => (await fetch(new URL("/graphql", hub.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })).json();
    const runs = await graph("{ ingestRuns(last: 5, source: INGEST) { source label actor committed initiativesAdded eventsAdded skipped corrections errors warnings warningList { code } } }");
    const run = { source: "INGEST", label: "initiatives.csv + events.csv", actor: keys.camdenId, corrections: 0, warnings: 0, warningList: [] };
    expect(runs).toEqual({
      data: {
        ingestRuns: [
          { ...run, committed: true, initiativesAdded: 0, eventsAdded: 0, skipped: 5, errors: 0 },
          { ...run, committed: true, initiativesAdded: 2, eventsAdded: 3, skipped: 0, errors: 0 },
          { ...run, committed: false, initiativesAdded: 0, eventsAdded: 0, skipped: 0, errors: 1 },
        ],
      },
    });
    const tooMany = await graph("{ ingestRuns(last: 101) { id } }");
    expect(tooMany.errors[0]).toMatchObject({ message: "last must be from 1 to 100 (got 101)", extensions: { code: "BAD_USER_INPUT", argumentName: "last" } });
  });

  it("names a file's own problems by line: a wrong header, a row short of fields, bytes that are not UTF-8 — writing nothing", async () => {
    const before = counts(db);
    const res = await post(
      form({
        initiatives: ["inits.csv", "id,title,lead\nx,y,z\n"],
        events: ["ev.csv", new Uint8Array(Buffer.concat([Buffer.from(EVENTS_HEADER + "mp-2,DPIA,,APPROVED\nmp-2,DPIA,,APPROVED,2025-02-01,flow,"), Buffer.from([0xff]), Buffer.from("\n")]))],
      }),
      keys.admin,
    );
    expect(res.status).toBe(422);
    // The session lists errors by file name.
    expect((await res.json()).errors).toEqual([
      { file: "ev.csv", line: 3, column: "-", message: "the file is not UTF-8 text; expected a UTF-8 CSV file" },
      {
        file: "inits.csv",
        line: 1,
        column: "-",
        message: "missing columns lead_borough, boroughs, partners, tool, practices, status, created_at; unknown column lead; expected the header id,title,lead_borough,boroughs,partners,tool,practices,status,created_at",
      },
    ]);
    const short = await post(form({ events: ["ev.csv", EVENTS_HEADER + "mp-2,DPIA,,APPROVED\n"] }), keys.admin);
    expect(short.status).toBe(422);
    expect((await short.json()).errors).toEqual([{ file: "ev.csv", line: 2, column: "5", message: `found 4 fields; expected 7, one per header column (${EVENTS_HEADER.trim()})` }]);
    expect(counts(db)).toEqual(before);
  });

  it("keeps the borough scope: another borough's key gets 403 and nothing is written", async () => {
    const before = counts(db);
    const res = await post(form({ events: ["events.csv", EVENTS_HEADER + "mp-1,DPIA,E09000012,QUERY_RAISED,2025-01-09,flow,mp1-q\n"] }), keys.hackney);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("not mp-1") });
    expect((await post(form({ events: ["events.csv", EVENTS_HEADER] }))).status).toBe(403);
    expect(counts(db)).toEqual(before);
  });

  it("refuses with 400 an unknown part, a form field, a missing boundary and a form without files", async () => {
    const unknown = await post(form({ initiatives: ["i.csv", INITIATIVES], sheet: ["s.csv", "a\n"] }), keys.admin);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toEqual({ code: "BAD_USER_INPUT", message: 'unknown part "sheet"; expected multipart/form-data with file parts "initiatives" and/or "events" (canonical CSV)' });
    const field = new FormData();
    field.append("events", "initiative_id,stage");
    const asField = await post(field, keys.admin);
    expect(asField.status).toBe(400);
    expect((await asField.json()).error.message).toContain('the part "events" is a form field, not a file');
    const noBoundary = await post("--x\r\n", keys.admin, "multipart/form-data");
    expect(noBoundary.status).toBe(400);
    expect((await noBoundary.json()).error.code).toBe("BAD_USER_INPUT");
    const empty = await post("--x--\r\n", keys.admin, "multipart/form-data; boundary=x");
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain("nothing to ingest");
  });

  it("answers 413 for a multipart body over the limit", async () => {
    const big = await post(form({ events: ["events.csv", EVENTS_HEADER + " ".repeat(INGEST_MAX_BODY_BYTES)] }), keys.admin);
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limit: INGEST_MAX_BODY_BYTES });
  });
});
