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
    expect(await ini.text()).toBe(`id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,purpose,non_signing
I1,"Troubled families, joined up",E09000001,E09000001;E09000002,met-police,isg,common-dpia-template,ACTIVE,2024-01-10,,met-police
I2,Second,E09000003,E09000003,,manual,,ACTIVE,2024-02-01,,
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

  it("writes Excel's CSV on ?excel=true: a byte-order mark and CRLF", async () => {
    const res = await get("/export/events.csv?tools=manual&excel=true");
    expect(res.status).toBe(200);
    expect([...new Uint8Array(await res.arrayBuffer())].slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    // text() decodes as UTF-8 and so drops the byte-order mark checked above.
    const text = await (await get("/export/events.csv?tools=manual&excel")).text();
    expect(text).toBe("initiative_id,stage,borough,kind,at,source,source_ref\r\nI2,IDEA,,SUBMITTED,2024-06-30T23:00:00.000Z,manual,m1\r\n");
    const refused = await get("/export/events.xes?excel=true");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: "BAD_USER_INPUT", field: "excel", message: "excel: applies to the CSV exports only; the XES log is read by process-mining tools, not Excel" } });
  });

  it("answers a bad filter with 400 BAD_USER_INPUT naming it, in the graph's words, with the allowed values", async () => {
    const res = await get("/export/initiatives.csv?statuses=DONE");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "BAD_USER_INPUT", field: "statuses", message: 'statuses: unknown status "DONE"; expected one of: ACTIVE, LIVE, WITHDRAWN, REJECTED', allowed: ["ACTIVE", "LIVE", "WITHDRAWN", "REJECTED"] },
    });
    const unknown = await get("/export/events.csv?borough=E09000001");
    expect(unknown.status).toBe(400);
    const keys = ["boroughs", "tools", "practices", "statuses", "stages", "createdFrom", "createdTo", "search", "excel"];
    expect(await unknown.json()).toEqual({ error: { code: "BAD_USER_INPUT", field: "borough", message: `borough: unknown parameter "borough"; expected one of: ${keys.join(", ")}`, allowed: keys } });
  });

  it("refuses tools, boroughs and stages the hub does not know (wrong case included) as the graph's cycleTimes does", async () => {
    const graph = async (filter: string) => {
      const res = await fetch(new URL("/graphql", hub.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ cycleTimes(filter: ${filter}) { count } }` }) });
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      return body.errors[0]!;
    };
    for (const [query, key, filter] of [
      ["tools=ISG", "tools", '{ tools: ["ISG"] }'],
      ["boroughs=e09000007", "boroughs", '{ boroughs: ["e09000007"] }'],
      ["stages=dpia", "stages", '{ stages: ["dpia"] }'],
    ] as const) {
      for (const path of ["/export/initiatives.csv", "/export/events.csv", "/export/events.xes"]) {
        const res = await get(`${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(400);
        const body = (await res.json()) as { error: { code: string; field: string; message: string; allowed: string[] } };
        const expected = await graph(filter);
        expect(expected.extensions.code).toBe("BAD_USER_INPUT");
        // The same words and allowed values; only the argument's name differs (`filter.tools` in the graph, `tools` here).
        expect(`filter.${body.error.message}`).toBe(expected.message);
        expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", field: key });
        expect(expected.message).toContain(body.error.allowed.join(", "));
      }
    }
  });
});
