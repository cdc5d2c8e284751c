import { chromium, type Browser } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { loadExamples } from "../../server/playground.js";

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

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

  it("opens with every saved example query, the analytics first", async () => {
    const html = await (await page("/")).text();
    const examples = loadExamples();
    expect(examples.map((e) => e.name)).toEqual([
      "01-where-the-months-go",
      "02-isg-against-email",
      "03-time-saved",
      "04-slowest-signers",
      "05-what-data-is-this",
      "06-boroughs-with-contacts",
      "07-initiative-stage-summaries",
      "08-tools-compared-by-feature",
      "09-camden-initiatives-on-isg",
      "10-dpia-waiting-for-sign-off",
      "11-initiative-event-log",
    ]);
    const names = ["WhereTheMonthsGo", "IsgAgainstEmail", "TimeSavedByIsg", "SlowestSigners", "WhatDataIsThis", "BoroughsWithContacts", "InitiativeStageSummaries", "ToolsComparedByFeature", "CamdenInitiativesOnIsg", "DpiaWaitingForSignOff", "InitiativeEventLog"];
    const positions = names.map((name) => html.indexOf(`query ${name}`));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const one = await (await page("/?example=08-tools-compared-by-feature")).text();
    expect(one).toContain("query ToolsComparedByFeature");
    expect(one).not.toContain("query BoroughsWithContacts");
  });

  it("says which examples exist when ?example= names none (404, not every example)", async () => {
    const res = await page("/?example=nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<h1>No saved example named &quot;nope&quot;</h1>');
    for (const e of loadExamples()) expect(html).toContain(`<li><a href="/?example=${e.name}">${e.name}</a></li>`);
    expect(html).not.toContain("query WhatDataIsThis");
    expect(foreignOrigins(html)).toEqual([]);
    const hostile = await (await page("/?example=%3Cscript%3Ealert(1)%3C/script%3E")).text();
    expect(hostile).not.toContain("<script>alert(1)");
  });

  it("names the hub, not Ruru, and hides Ruru's sponsor footer; the served HTML is plain UTF-8 text", async () => {
    const html = await (await page("/")).text();
    expect(html).toContain("<title>London IG Hub — GraphQL playground</title>");
    expect(html).toContain('<meta charset="utf-8" />');
    expect(html).toContain(".ruru-footer { display: none !important; }");
    expect(html).toContain('a.textContent = "London IG Hub"');
    expect(html).not.toMatch(/sponsor|grafast|graphile/i);
    // The only characters beyond ASCII are the title's dash and those of the examples' own text.
    const outside = new Set([...html].filter((c) => c.charCodeAt(0) > 127));
    expect([...outside].every((c) => c === "—" || c === "−" || c === "–")).toBe(true);
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
    await p.goto(`${origin()}/?example=05-what-data-is-this`);
    await p.locator(".graphiql-query-editor").getByText("WhatDataIsThis").first().waitFor({ timeout: 30_000 });
    await p.locator(".graphiql-execute-button").click();
    await p.locator(".graphiql-response").getByText('"synthetic"').first().waitFor({ timeout: 30_000 });
    // Monaco renders spaces as no-break spaces.
    const response = (await p.locator(".graphiql-response").innerText()).replace(/\u00a0/g, " ");
    expect(response).toContain('"kind": "EMPTY"');
    // The hub's name where Ruru's was; no sponsor footer; no link off the hub anywhere on the page.
    await p.locator(".graphiql-logo").getByText("London IG Hub").waitFor({ timeout: 10_000 });
    const shown = await p.evaluate(() => ({
      logo: document.querySelector(".graphiql-logo")?.textContent,
      text: document.body.innerText,
      footerShown: Array.from(document.querySelectorAll(".ruru-footer")).some((f) => (f as HTMLElement).offsetParent !== null),
      outsideLinks: Array.from(document.querySelectorAll("a[href]")).map((a) => (a as HTMLAnchorElement).href).filter((href) => !href.startsWith(location.origin)),
    }));
    expect(shown.logo).toBe("London IG Hub");
    expect(shown.text).not.toMatch(/Ruru|sponsor|🙏|💖/);
    expect(shown.footerShown).toBe(false);
    expect(shown.outsideLinks).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await p.screenshot({ path: join(ARTIFACTS, "playground.png") });
    expect(offHub).toEqual([]);
    expect(errors).toEqual([]);
  });
});
