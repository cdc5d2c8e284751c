import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { FAVICON_FILE } from "../../server/favicon.routes.js";

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  hub = await createHub({ config: { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent", seedDemo: false }, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

describe("/favicon.ico", () => {
  it("is the hub's icon, an ICO image cached for a year", async () => {
    const res = await fetch(new URL("/favicon.ico", hub.url));
    expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([200, "image/x-icon", "public, max-age=31536000"]);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(FAVICON_FILE))).toBe(true);
    // ICONDIR: reserved 0, type 1 (icon), one image of 32×32.
    expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4), body[6], body[7]]).toEqual([0, 1, 1, 32, 32]);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await fetch(new URL("/favicon.ico", hub.url), { method: "HEAD" });
    expect([res.status, res.headers.get("content-length"), (await res.arrayBuffer()).byteLength]).toEqual([200, String(readFileSync(FAVICON_FILE).length), 0]);
  });
});
