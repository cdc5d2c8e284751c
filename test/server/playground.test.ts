import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { loadExamples } from "../../server/playground.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };
const CHROMIUM = "/usr/bin/chromium";

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

const origin = () => new URL(hub.url).origin;
const page = (path: string, accept = "text/html,application/xhtml+xml") => fetch(`${origin()}${path}`, { headers: { accept } });
/** Every http(s) origin named in a text, other than the hub's own. */
const foreignOrigins = (text: string) => [...new Set([...text.matchAll(/https?:\/\/[^\s"'`<>)\\]+/g)].map((m) => new URL(m[0]).origin))].filter((o) => o !== origin());

describe("playground page", () => {
  it("is served at / and at /graphql to a browser, with only the hub's own origin in it", async () => {
    for (const path of ["/", "/graphql"]) {
      const res = await page(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'self'/);
      const html = await res.text();
      expect(html).toContain("<title>London IG Hub — GraphQL playground</title>");
      expect(html).toContain('"/ruru-static/ruru.js"');
      expect(foreignOrigins(html)).toEqual([]);
    }
  });

  it("opens with every saved example query", async () => {
    const html = await (await page("/")).text();
    const examples = loadExamples();
    expect(examples.map((e) => e.name)).toEqual([
      "01-what-data-is-this",
      "02-boroughs-with-contacts",
      "03-initiative-stage-summaries",
      "04-tools-compared-by-feature",
      "05-camden-initiatives-on-isg",
      "06-dpia-waiting-for-sign-off",
      "07-initiative-event-log",
    ]);
    for (const name of ["WhatDataIsThis", "BoroughsWithContacts", "InitiativeStageSummaries", "ToolsComparedByFeature", "CamdenInitiativesOnIsg", "DpiaWaitingForSignOff", "InitiativeEventLog"]) {
      expect(html).toContain(`query ${name}`);
    }
    const one = await (await page("/?example=04-tools-compared-by-feature")).text();
    expect(one).toContain("query ToolsComparedByFeature");
    expect(one).not.toContain("query BoroughsWithContacts");
  });

  it("serves Ruru's assets from the hub itself", async () => {
    const js = await fetch(`${origin()}/ruru-static/ruru.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${origin()}/ruru-static/nope.js`)).status).toBe(404);
  });

  it("leaves GraphQL clients (no text/html) to the API", async () => {
    const res = await fetch(`${origin()}/graphql?query=%7B__typename%7D`, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(await res.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe.skipIf(!existsSync(CHROMIUM))("playground in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  afterAll(async () => browser?.close());

  it("loads, runs a saved example, and makes no request off the machine", { timeout: 60_000 }, async () => {
    const p = await browser.newPage();
    const offHub: string[] = [];
    await p.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin()) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      offHub.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    p.on("pageerror", (e) => errors.push(e.message));
    await p.goto(`${origin()}/?example=01-what-data-is-this`);
    await p.locator(".graphiql-query-editor").getByText("WhatDataIsThis").first().waitFor({ timeout: 30_000 });
    await p.locator(".graphiql-execute-button").click();
    await p.locator(".graphiql-response").getByText('"synthetic"').first().waitFor({ timeout: 30_000 });
    // Monaco renders spaces as no-break spaces.
    const response = (await p.locator(".graphiql-response").innerText()).replace(/\u00a0/g, " ");
    expect(response).toContain('"kind": "EMPTY"');
    expect(offHub).toEqual([]);
    expect(errors).toEqual([]);
  });
});
