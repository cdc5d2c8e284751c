import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { importFiles } from "../../../db/import/import.service.js";
import { createHub, type Hub } from "../../../server/app.js";
import { loadConfig } from "../../../server/config.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, tempDir } from "../import/helpers.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  const dir = tempDir();
  await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) });
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

const get = (path: string) => fetch(new URL(path, hub.url));

describe("HTTP exports", () => {
  it("streams the canonical CSVs with the graph's filters from the query string", async () => {
    const res = await get("/export/events.csv?tools=manual");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await res.text()).toBe("initiative_id,stage,borough,kind,at,source,source_ref\nI2,IDEA,,SUBMITTED,2024-06-30T23:00:00.000Z,manual,m1\n");
    const ini = await get("/export/initiatives.csv?boroughs=E09000002,E09000003&createdFrom=2024-01-01");
    expect(await ini.text()).toBe(`id,title,lead_borough,boroughs,partners,tool,practices,status,created_at
I1,"Troubled families, joined up",E09000001,E09000001;E09000002,met-police,isg,common-dpia-template,ACTIVE,2024-01-10
I2,Second,E09000003,E09000003,,manual,,ACTIVE,2024-02-01
`);
  });

  it("serves the XES log", async () => {
    const res = await get("/export/events.xes?boroughs=E09000003");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await res.text();
    expect(xml).toContain('<log xes.version="1849-2016"');
    expect(xml.match(/<trace>/g)).toHaveLength(1);
    expect(xml).toContain('<string key="concept:name" value="IDEA SUBMITTED"/>');
  });

  it("answers a bad filter with 400 BAD_USER_INPUT naming it", async () => {
    const res = await get("/export/initiatives.csv?statuses=DONE");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "BAD_USER_INPUT", field: "statuses", message: 'unknown status "DONE"; expected ACTIVE, LIVE, WITHDRAWN, REJECTED' } });
    const unknown = await get("/export/events.csv?borough=E09000001");
    expect(await unknown.json()).toEqual({ error: { code: "BAD_USER_INPUT", field: "borough", message: 'unknown filter "borough"; expected boroughs, tools, practices, statuses, stages, createdFrom, createdTo, search' } });
  });
});
