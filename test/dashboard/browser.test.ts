import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { createApiKey } from "../../db/keys.js";
import { prepareDatabase } from "../../db/prepare.js";
import { createHub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { TimeSavedReportService } from "../../report/index.js";
import { DashboardCycleTimesDocument, DashboardInitiativeDocument, DashboardNowDocument, DashboardOptionsDocument, DashboardSignOffDocument, type DashboardOptionsQuery, type DashboardSignOffQuery } from "../../gql/graphql.js";
import { SIGN_OFF_WORLD_EXPECTED_CALENDAR, signOffWorld, type SignOffWorld } from "./sign-off.world.js";

/**
 * The dashboard in a real browser (Debian's chromium, driven by playwright-core), against a hub
 * built by the production factory on 127.0.0.1 with the demo data.
 */
const CHROMIUM = inject("chromiumPath");
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const PANELS = ["panel-cycle", "panel-signoff", "panel-compare", "panel-flow", "panel-saved", "panel-now"];
const CHARTS = ["chart-cycle", "chart-compare", "chart-cfd", "chart-throughput", "chart-ageing", "chart-saved", "chart-now"];

let db: HubDb;
let hub: Awaited<ReturnType<typeof createHub>>;
let browser: Browser;

beforeAll(async () => {
  db = openDb(":memory:");
  prepareDatabase(db, { seedDemo: true, seed: 1 });
  const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };
  hub = await createHub({ config, db });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  db?.close();
});

/** Waits until every panel has finished (ready, empty or error) and the page is idle. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    (ids) => document.body.dataset.busy === "false" && ids.every((id) => document.getElementById(id)!.dataset.state !== "loading"),
    PANELS,
    // Generous: CI runs every test file at once, and the bootstrap intervals take a while.
    { timeout: 60_000 },
  );
}

/** The text of a panel's table(s), which carry the same numbers as its chart (closed <details> too). */
const tableText = (page: Page, panel: string) => page.locator(`#${panel} table`).allTextContents().then((t) => t.join("\n"));

/** A table's body rows as arrays of cell texts. */
const tableRows = (page: Page, panel: string) =>
  page.$$eval(`#${panel} tbody tr`, (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent ?? "")));

/**
 * Runs one of the page's own documents (dashboard/queries/*.graphql, typed by graphql-codegen)
 * against the hub from the test: the numbers the page shows must be the API's.
 */
async function gql<R, V>(doc: TypedDocumentNode<R, V>, variables: V, url = hub.url): Promise<R> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const body = (await res.json()) as { data: R; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const origin = () => new URL(hub.url).origin;

describe("dashboard in a browser", { timeout: 120_000 }, () => {
  it("uses the system chromium", () => {
    expect(existsSync(CHROMIUM)).toBe(true);
  });

  it("draws every chart with data, labels synthetic data, and keeps every request on 127.0.0.1", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const consoleErrors: string[] = [];
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    // CSP violations and failed loads show up as console errors.
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);

    for (const id of PANELS) {
      expect(await page.locator(`#${id}`).getAttribute("data-state"), id).toBe("ready");
      expect(Number(await page.locator(`#${id}`).getAttribute("data-points")), id).toBeGreaterThan(0);
      expect(await page.locator(`#${id} .status`).innerText(), id).toBe("");
    }
    // Each Chart.js chart exists on its canvas and holds at least one number.
    const charted = await page.evaluate(
      (ids) =>
        ids.map((id) => {
          const chart = (window as any).Chart.getChart(document.getElementById(id));
          return !!chart && chart.data.datasets.some((d: any) => d.data.some((v: unknown) => v != null && !(Array.isArray(v) && v.every((x) => x == null))));
        }),
      CHARTS,
    );
    expect(charted).toEqual(CHARTS.map(() => true));
    // The heat map is a table: a row per borough, coloured cells with numbers.
    expect(await page.locator("#panel-signoff tbody tr").count()).toBeGreaterThan(5);
    // Screen readers: every chart canvas is an image with a text alternative stating numbers, and has a table.
    for (const id of CHARTS) {
      const label = await page.locator(`#${id}`).getAttribute("aria-label");
      expect(label, id).toMatch(/\d/);
    }
    for (const id of PANELS) expect(await page.locator(`#${id} table`).count(), id).toBeGreaterThan(0);
    // Every form control has a label a screen reader announces.
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll("#filters input, #filters select")).filter((el) => !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);

    expect(await page.locator("#dataset-banner").isVisible()).toBe(true);
    expect(await page.locator("#dataset-banner").innerText()).toContain("Synthetic data");

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });

    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(`${origin()}/`))).toEqual([]);
    await page.close();
  });

  it("Now panel: the at-risk list and the reviews due are the API's, each initiative links to its page, reachable by keyboard", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    const api = await gql(DashboardNowDocument, { filter: {}, bandFilter: {} });
    const open = api.openItems.items.filter((i) => i.organisation === null);
    const late = open.filter((i) => i.state !== "ON_TRACK");
    expect(late.length).toBeGreaterThan(0);
    expect(Number(await page.locator("#panel-now").getAttribute("data-points"))).toBe(open.length);
    const words: Record<string, string> = { AT_RISK: "At risk", BREACHED: "Breached" };
    const risk = await page.$$eval("#panel-now .now-risk tbody tr", (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).slice(0, 4).map((c) => c.textContent)));
    expect(risk).toEqual(late.slice(0, 100).map((i) => [`${i.initiativeId} ${i.title}`, i.stage, String(i.ageWorkingDays), words[i.state]]));
    // The flow panel's oldest open items link to their pages too.
    const oldest = await page.$$eval("#panel-flow tbody tr th a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
    expect(oldest.length).toBeGreaterThan(0);
    for (const [text, href] of oldest) expect(href).toBe(`/dashboard/initiative/${encodeURIComponent(text!)}`);
    const reviews = await page.$$eval("#panel-now .now-reviews tbody tr th a", (as) => as.map((a) => a.getAttribute("href")));
    expect(reviews).toEqual(api.agreementRegister.map((r) => `/dashboard/initiative/${encodeURIComponent(r.initiativeId)}`));
    // The ageing chart has a point per open stage; its table counts them per stage.
    const points = await page.evaluate(() => (window as any).Chart.getChart(document.getElementById("chart-now")).data.datasets.filter((d: any) => d.type === "scatter").reduce((n: number, d: any) => n + d.data.length, 0));
    expect(points).toBe(open.length);
    const perStage = await page.$$eval("#panel-now .now-ageing tbody tr", (trs) => (trs as HTMLTableRowElement[]).map((tr) => [tr.cells[0]!.textContent, Number(tr.cells[1]!.textContent)]));
    expect(perStage.reduce((n, [, c]) => n + (c as number), 0)).toBe(open.length);

    // Keyboard: the first at-risk initiative's link takes focus and Enter opens its page.
    const first = page.locator("#panel-now .now-risk tbody a").first();
    await first.focus();
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute("href"))).toBe(`/dashboard/initiative/${encodeURIComponent(late[0]!.initiativeId)}`);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/dashboard/initiative/${encodeURIComponent(late[0]!.initiativeId)}`);
    await page.waitForFunction(() => document.body.dataset.busy === "false", null, { timeout: 60_000 });
    expect(await page.locator("#panel-initiative").getAttribute("data-state")).toBe("ready");
    expect(await page.locator("h1").innerText()).toBe(`${late[0]!.initiativeId} ${late[0]!.title}`);
    await page.close();
  });

  it("initiative page: timeline, each signer's sign-off and the event log agree with the API, at 1280 and 390 px", async () => {
    const id = "SYN-000010";
    const { initiative, openItems } = await gql(DashboardInitiativeDocument, { id, after: null });
    const submitted = initiative!.stageSummaries.filter((s) => s.submittedAt);
    // A sign-off row per submitted stage and signer: every participating borough, and every
    // organisation (borough or partner) with an event of the stage; worked out from the API's answer.
    const nodes = initiative!.events.edges.map((e) => e.node);
    expect(nodes.length).toBe(initiative!.events.totalCount);
    const signerOf = (e: (typeof nodes)[number]) => e.borough?.gssCode ?? e.organisation ?? null;
    let signerRowCount = 0;
    let approvedRowCount = 0;
    for (const s of submitted) {
      const mine = nodes.filter((e) => e.stage === s.stage.code);
      const signers = new Set([...initiative!.boroughs.map((b) => b.borough.gssCode), ...mine.map(signerOf).filter((x) => x !== null)]);
      signerRowCount += signers.size;
      const approved = mine.filter((e) => e.kind === "APPROVED");
      // An approval with no signer signs for every row of the stage.
      approvedRowCount += approved.some((e) => signerOf(e) === null) ? signers.size : new Set(approved.map(signerOf)).size;
    }
    expect(nodes.some((e) => e.organisation !== null && e.borough === null)).toBe(true); // a partner signs this one
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, ...(width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${origin()}/dashboard/initiative/${id}`);
      await page.waitForFunction(() => document.body.dataset.busy === "false", null, { timeout: 60_000 });
      expect(await page.locator("#panel-initiative").getAttribute("data-state")).toBe("ready");
      expect(await page.locator("h1").innerText()).toBe(`${id} ${initiative!.title}`);
      expect(await page.locator("#dataset-banner").isVisible()).toBe(true);
      // One timeline bar and one stage row per submitted stage; a sign-off row per submitted stage and participant.
      expect(await page.locator(".timeline li").count()).toBe(submitted.length);
      expect(await page.locator(".i-stages tbody tr").count()).toBe(initiative!.stageSummaries.length);
      expect(await page.locator(".i-signers tbody tr").count()).toBe(signerRowCount);
      expect(await page.locator(".i-events tbody tr").count()).toBe(initiative!.events.totalCount);
      expect(await page.locator(".i-now-table tbody tr").count()).toBe(openItems.items.length);
      // Every approval of the log is in the sign-off table, by its date: a row per signer with one.
      const approvals = approvedRowCount;
      const signed = await page.$$eval(".i-signers tbody tr", (trs) => (trs as HTMLTableRowElement[]).filter((tr) => /\d{4}-\d{2}-\d{2}/.test(tr.cells[4]!.textContent ?? "")).length);
      expect(signed).toBe(approvals);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await page.screenshot({ path: join(ARTIFACTS, width < 500 ? "initiative-390.png" : "initiative.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(`${origin()}/`))).toEqual([]);
      await page.close();
    }
    // An unknown id says so in the panel's alert.
    const page = await browser.newPage();
    await page.goto(`${origin()}/dashboard/initiative/NOPE-1`);
    await page.waitForFunction(() => document.body.dataset.busy === "false", null, { timeout: 60_000 });
    expect(await page.locator("#panel-initiative").getAttribute("data-state")).toBe("error");
    expect(await page.locator("#panel-initiative .status").innerText()).toBe("Could not load this initiative: no initiative has the id “NOPE-1”. Try again, or change the filters.");
    await page.close();
  });

  it("fits a 390 px phone: no page wider than the screen, wide tables scroll in their own box", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    for (const id of PANELS) expect(await page.locator(`#${id}`).getAttribute("data-state"), id).toBe("ready");
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.inner).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    // Every panel lies within the screen, and every table wider than its box sits in a box that scrolls.
    const overflow = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll(".panel"))) {
        const r = el.getBoundingClientRect();
        if (r.left < 0 || r.right > window.innerWidth) out.push(`${el.id} spans ${r.left}..${r.right}`);
      }
      for (const t of Array.from(document.querySelectorAll(".panel table"))) {
        let box = t.parentElement;
        while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        if (!box || box.getBoundingClientRect().right > window.innerWidth) out.push(`a table in ${t.closest(".panel")?.id} has no scrolling box within the screen`);
      }
      return out;
    });
    expect(overflow).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-390.png"), fullPage: true });
    await page.close();
  });

  it("shows the time-saved report (HTML) at 1280 and 390 px with no page wider than the screen, and prints it", async () => {
    const [html] = await new TimeSavedReportService(db).renderEach({ cohort: { tools: ["isg"] }, baseline: { tools: ["manual"] }, asOf: new Date("2026-06-01T00:00:00Z") }, ["html"]);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, ...(width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(html!.content, { waitUntil: "load" });
      const seen = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        charts: Array.from(document.querySelectorAll("svg.chart")).length,
        figures: Array.from(document.querySelectorAll("figure")).map((f) => Math.round(f.getBoundingClientRect().right)),
        // An interval cell ("12.0 to 30.5") is one line tall: as tall as the stage's name beside it.
        intervalLines: Array.from(document.querySelectorAll("td.nowrap")).map((td) => td.scrollWidth <= td.clientWidth && getComputedStyle(td).whiteSpace === "nowrap"),
      }));
      expect(seen.inner, `width ${width}`).toBe(width);
      expect(seen.scroll, `width ${width}`).toBeLessThanOrEqual(seen.inner);
      expect(seen.charts).toBe(3);
      // Below 540 px a chart scrolls in its figure; the figure itself stays within the screen.
      for (const right of seen.figures) expect(right).toBeLessThanOrEqual(width);
      expect(seen.intervalLines.length).toBeGreaterThan(0);
      expect(seen.intervalLines.every(Boolean)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `report-${width}.png`), fullPage: true });
      if (width === 1280) {
        // Printed (A4): the print styles apply and the PDF is made without error.
        await page.emulateMedia({ media: "print" });
        expect(await page.evaluate(() => getComputedStyle(document.querySelector(".table-box")!).overflowX)).toBe("visible");
        const pdf = await page.pdf({ format: "A4" });
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      }
      expect(requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:"))).toEqual([]);
      await page.close();
    }
  });

  it("changes the numbers when a filter changes, keeps the filter in the address, and agrees with the API", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    const before = await tableText(page, "panel-cycle");

    await page.selectOption("#f-tool", "isg");
    await settled(page);
    expect(new URL(page.url()).searchParams.get("tool")).toBe("isg");
    const after = await tableText(page, "panel-cycle");
    expect(after).not.toBe(before);

    // The medians on the page are the API's medians for the same filter.
    const data = await gql(DashboardCycleTimesDocument, { filter: { tools: ["isg"] }, unit: "WORKING_DAYS" });
    const rows = await tableRows(page, "panel-cycle");
    expect(rows.length).toBe(data.cycleTimes.length);
    data.cycleTimes.forEach((g, i) => {
      const cells = rows[i]!;
      expect(cells[0]).toBe(g.stage);
      expect(cells[1]).toBe(String(g.count));
      expect(cells[6]).toBe(g.median == null ? "—" : Number.isInteger(g.median) ? String(g.median) : g.median.toFixed(1));
    });

    // Keyboard only: Tab reaches the unit radios, an arrow key switches to calendar days,
    // which give other numbers than working days.
    await page.focus("#f-borough");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("WORKING_DAYS");
    await page.keyboard.press("ArrowDown");
    await settled(page);
    expect(new URL(page.url()).searchParams.get("unit")).toBe("CALENDAR_DAYS");
    expect(await tableText(page, "panel-cycle")).not.toBe(after);

    // A chart's table opens from the keyboard.
    await page.focus("#panel-cycle summary");
    await page.keyboard.press("Enter");
    expect(await page.locator("#panel-cycle details").getAttribute("open")).not.toBeNull();
    expect(await page.locator("#panel-cycle table").isVisible()).toBe(true);

    // A shared link opens the same view.
    const shared = page.url();
    const other = await browser.newPage();
    await other.goto(shared);
    await settled(other);
    expect(await other.inputValue("#f-tool")).toBe("isg");
    expect(await other.isChecked("input[name=unit][value=CALENDAR_DAYS]")).toBe(true);
    expect(await tableText(other, "panel-cycle")).toBe(await tableText(page, "panel-cycle"));
    await other.close();
    await page.close();
  });

  it("writes cohorts in the CLI's grammar (tool=isg) in its choices and address, and names them in words", async () => {
    const options = await gql(DashboardOptionsDocument, {});
    const toolName = (slug: string) => options.tools.edges.find((e) => e.node.slug === slug)!.node.name;
    const practiceName = (slug: string) => options.practices.find((p) => p.slug === slug)!.name;
    const caption = (page: Page) => page.locator("#panel-compare caption").textContent();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    const choices = await page.$$eval("#f-a option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(choices.sort()).toEqual([...options.tools.edges.map((e) => `tool=${e.node.slug}`), ...options.practices.map((p) => `practice=${p.slug}`)].sort());
    expect([await page.inputValue("#f-a"), await page.inputValue("#f-b")]).toEqual(["tool=isg", "tool=manual"]);
    expect(await caption(page)).toBe(`Cohort ${toolName("isg")} against baseline ${toolName("manual")} (working days)`);

    await page.selectOption("#f-b", "practice=common-dpia-template");
    await settled(page);
    expect(new URL(page.url()).searchParams.get("b")).toBe("practice=common-dpia-template");
    expect(await caption(page)).toBe(`Cohort ${toolName("isg")} against baseline initiatives using ${practiceName("common-dpia-template")} (working days)`);

    // A shared link may combine keys, as the CLI's --cohort does.
    const combined = new URLSearchParams({ a: "tool=isg,practice=common-dpia-template" });
    await page.goto(`${origin()}/dashboard?${combined}`);
    await settled(page);
    expect(await page.locator("#panel-compare").getAttribute("data-state")).toBe("ready");
    expect(await caption(page)).toBe(`Cohort ${toolName("isg")}, initiatives using ${practiceName("common-dpia-template")} against baseline ${toolName("manual")} (working days)`);

    // Text that is not in the grammar is refused with the grammar's own message.
    await page.goto(`${origin()}/dashboard?${new URLSearchParams({ b: "tool:manual" })}`);
    await settled(page);
    const refusal = 'Baseline: expected key=value with key one of tool, practice, borough, stage (e.g. tool=isg), got "tool:manual". Try again, or change the filters.';
    expect(await page.locator("#panel-compare .status").innerText()).toBe(`Could not load the cohort comparison: ${refusal}`);
    expect(await page.locator("#panel-saved .status").innerText()).toBe(`Could not load time saved: ${refusal}`);
    expect(await page.locator("#panel-cycle").getAttribute("data-state")).toBe("ready");
    await page.close();
  });

  it("shows an error message in every panel when the API fails, not a blank chart", async () => {
    const page = await browser.newPage();
    await page.route("**/graphql", (route) => route.fulfill({ status: 500, contentType: "text/plain", body: "boom" }));
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    for (const id of PANELS) {
      expect(await page.locator(`#${id}`).getAttribute("data-state"), id).toBe("error");
      const status = page.locator(`#${id} .status`);
      expect(await status.isVisible(), id).toBe(true);
      expect(await status.getAttribute("role"), id).toBe("alert");
      expect(await status.innerText(), id).toMatch(/^Could not load .+: the hub answered 500/);
    }
    // No empty chart frames or stale tables are left on show.
    expect(await page.locator(".panel .chart:visible, .panel .fallback:visible, .panel .heatmap:visible").count()).toBe(0);
    await page.close();
  });
  it("asks for an API key when anonymous reading is off, and works with one", async () => {
    const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: false };
    const closed = await createHub({ config, db });
    try {
      const { secret } = createApiKey(db, { name: "dashboard test", role: "viewer" });
      const page = await browser.newPage();
      const authorised: string[] = [];
      page.on("request", (r) => {
        if (r.url().endsWith("/graphql")) authorised.push(r.headers()["authorization"] ?? "");
      });
      await page.goto(`${new URL(closed.url).origin}/dashboard`);
      await settled(page);
      expect(await page.locator("#panel-cycle").getAttribute("data-state")).toBe("error");
      expect(await page.locator("#panel-cycle .status").innerText()).toContain("(UNAUTHENTICATED); enter an API key");

      await page.click("#api-key summary");
      await page.fill("#f-key", secret);
      await page.press("#f-key", "Enter");
      // The reload starts after the key is stored: wait for the panels to leave their error state
      // first, or `settled` could see the old, already-settled page.
      await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id)!.dataset.state !== "error"), PANELS, { timeout: 60_000 });
      await settled(page);
      for (const id of PANELS) expect(await page.locator(`#${id}`).getAttribute("data-state"), id).toBe("ready");
      expect(authorised.at(-1)).toBe(`Bearer ${secret}`);
      // The key never goes into the address.
      expect(page.url()).not.toContain(secret);
      await page.close();
    } finally {
      await closed.close();
    }
  });
  it("says why a panel is empty on a hub with no initiatives, instead of a blank chart", async () => {
    const empty = openDb(":memory:");
    prepareDatabase(empty, { seedDemo: false });
    const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };
    const bare = await createHub({ config, db: empty });
    try {
      const page = await browser.newPage();
      await page.goto(`${new URL(bare.url).origin}/dashboard`);
      await settled(page);
      const seen = await page.evaluate((ids) => ids.map((id) => [document.getElementById(id)!.dataset.state, document.querySelector(`#${id} .status`)!.textContent]), PANELS);
      expect(Object.fromEntries(PANELS.map((id, i) => [id, seen[i]]))).toEqual({
        "panel-cycle": ["empty", "No approved stages match these filters."],
        "panel-compare": ["empty", expect.stringMatching(/^No stage has approved stages on both sides/)],
        "panel-saved": ["empty", ""],
        "panel-signoff": ["empty", "No sign-offs match these filters."],
        "panel-flow": ["empty", expect.stringMatching(/^Nothing was in progress between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2} with these filters\.$/)],
        "panel-now": ["empty", "No stages are open for these filters."],
      });
      expect(await page.locator("#panel-saved .headline").innerText()).toMatch(/^No time-saved figure for .+ against .+\n?no stages match the filters$/);
      // Real (non-synthetic) data carries no synthetic label.
      expect(await page.locator("#dataset-banner").isVisible()).toBe(false);
      await page.close();
    } finally {
      await bare.close();
      empty.close();
    }
  });
});

/** A number as the dashboard writes it: whole numbers as they are, others with one decimal, "—" for none. */
const shown = (value: number | null | undefined) => (value == null ? "—" : Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * The heat map's rows worked out from the API's answer (the test's own reading of the panel's
 * rules): a row per signer, named from the options' borough or organisation list, partners tagged,
 * slowest (largest median) first, each stage's median with "review X / sign-off Y" where a review
 * is recorded, and the times it was last to sign over all stages.
 */
function expectedSignOffRows(cells: DashboardSignOffQuery["signOffTimes"], options: DashboardOptionsQuery, which: "all" | "boroughs" | "partners"): string[][] {
  const stages = [...new Set(cells.map((c) => c.stage))];
  const signers = [...new Set(cells.map((c) => c.organisation))].map((organisation) => {
    const own = cells.filter((c) => c.organisation === organisation);
    const isBorough = own[0]!.isBorough;
    const name = isBorough
      ? options.boroughs.edges.find((e) => e.node.code === organisation)?.node.name
      : options.organisations.edges.find((e) => e.node.slug === organisation)?.node.name;
    const slowest = Math.max(...own.map((c) => c.median ?? -1));
    const row = [
      `${name ?? organisation}${isBorough ? "" : " Partner"}`,
      ...stages.map((stage) => {
        const c = own.find((x) => x.stage === stage);
        if (!c || c.median == null) return "—";
        return c.reviewedCount > 0 ? `${shown(c.median)} review ${shown(c.reviewMedian)} / sign-off ${shown(c.afterReviewMedian)}` : shown(c.median);
      }),
      String(own.reduce((n, c) => n + c.lastToSignCount, 0)),
    ];
    return { isBorough, slowest, row };
  });
  return signers
    .filter((s) => which === "all" || s.isBorough === (which === "boroughs"))
    .sort((x, y) => y.slowest - x.slowest)
    .map((s) => s.row);
}

describe("sign-off heat map: boroughs and partner organisations, with the DPO-review split", { timeout: 120_000 }, () => {
  let world: SignOffWorld;
  beforeAll(async () => {
    world = await signOffWorld();
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });
  const worldOrigin = () => new URL(world.hub.url).origin;
  const signOffRows = (page: Page) => tableRows(page, "panel-signoff");

  it("on the demo data too, the heat map's rows are those worked out from the API's answer", async () => {
    const options = await gql(DashboardOptionsDocument, {});
    const api = (await gql(DashboardSignOffDocument, { filter: {}, unit: "WORKING_DAYS" })).signOffTimes;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin()}/dashboard`);
    await settled(page);
    const rows = await signOffRows(page);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toEqual(expectedSignOffRows(api, options, "all"));
    await page.close();
  });

  it("shows every signer, partners tagged, last to sign and the split as the API answers, and as worked out by hand", async () => {
    const options = await gql(DashboardOptionsDocument, {}, world.hub.url);
    for (const unit of ["CALENDAR_DAYS", "WORKING_DAYS"] as const) {
      const api = (await gql(DashboardSignOffDocument, { filter: {}, unit }, world.hub.url)).signOffTimes;
      // The world has partners that sign and recorded reviews: the check below is not vacuous.
      expect(api.some((c) => !c.isBorough && c.reviewedCount > 0)).toBe(true);
      expect(api.some((c) => c.median != null && c.reviewedCount === 0)).toBe(true);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${worldOrigin()}/dashboard${unit === "CALENDAR_DAYS" ? "?unit=CALENDAR_DAYS" : ""}`);
      await settled(page);
      expect(await page.locator("#panel-signoff").getAttribute("data-state")).toBe("ready");
      expect(await signOffRows(page)).toEqual(expectedSignOffRows(api, options, "all"));
      expect(Number(await page.locator("#panel-signoff").getAttribute("data-points"))).toBe(api.filter((c) => c.median != null).length);
      const head = await page.$$eval("#panel-signoff thead th", (ths) => ths.map((th) => th.textContent));
      expect(head).toEqual(["Signer", ...new Set(api.map((c) => c.stage)), "Times last to sign"]);
      if (unit === "CALENDAR_DAYS") {
        // The same table, worked out by hand from the world's dates (test/dashboard/sign-off.world.ts).
        expect(head).toEqual(["Signer", "DPIA", "ISA", "Times last to sign"]);
        expect(await signOffRows(page)).toEqual(SIGN_OFF_WORLD_EXPECTED_CALENDAR);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.locator("#panel-signoff").screenshot({ path: join(ARTIFACTS, "sign-off-partners.png") });
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("chooses boroughs, partners or all from the keyboard, keeps the choice in the address, and asks the hub nothing new", async () => {
    const options = await gql(DashboardOptionsDocument, {}, world.hub.url);
    const api = (await gql(DashboardSignOffDocument, { filter: {}, unit: "CALENDAR_DAYS" }, world.hub.url)).signOffTimes;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${worldOrigin()}/dashboard?unit=CALENDAR_DAYS`);
    await settled(page);
    const queries: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/graphql")) queries.push(r.url());
    });
    await page.focus("input[name=signers][value=all]");
    await page.keyboard.press("ArrowRight");
    expect(await page.isChecked("input[name=signers][value=boroughs]")).toBe(true);
    expect(new URL(page.url()).searchParams.get("signers")).toBe("boroughs");
    const boroughs = expectedSignOffRows(api, options, "boroughs");
    expect(boroughs.map((r) => r[0])).toEqual(["Camden", "Hackney"]);
    expect(await signOffRows(page)).toEqual(boroughs);

    await page.keyboard.press("ArrowRight");
    expect(new URL(page.url()).searchParams.get("signers")).toBe("partners");
    const partners = expectedSignOffRows(api, options, "partners");
    expect(partners.map((r) => r[0])).toEqual(["Metropolitan Police Service (synthetic) Partner", "NHS North East London (synthetic) Partner"]);
    expect(await signOffRows(page)).toEqual(partners);
    expect(await page.locator("#panel-signoff caption").textContent()).toBe("Median sign-off time per signer and stage (calendar days), slowest signers first: partner organisations only");
    expect(queries).toEqual([]);

    // A shared link opens the same choice; another filter keeps it.
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(page.url());
    await settled(other);
    expect(await other.isChecked("input[name=signers][value=partners]")).toBe(true);
    expect(await signOffRows(other)).toEqual(partners);
    await other.selectOption("#f-tool", "isg");
    await settled(other);
    expect(new URL(other.url()).searchParams.get("signers")).toBe("partners");
    const isg = (await gql(DashboardSignOffDocument, { filter: { tools: ["isg"] }, unit: "CALENDAR_DAYS" }, world.hub.url)).signOffTimes;
    expect(await signOffRows(other)).toEqual(expectedSignOffRows(isg, options, "partners"));
    expect((await signOffRows(other)).map((r) => r[0])).toEqual(["NHS North East London (synthetic) Partner"]);
    // With a borough chosen, signOffTimes lists that borough only (schema.graphql): no partner rows, and the panel says why.
    await other.selectOption("#f-tool", "");
    await other.selectOption("#f-borough", "E09000007");
    await settled(other);
    const camden = (await gql(DashboardSignOffDocument, { filter: { boroughs: ["E09000007"] }, unit: "CALENDAR_DAYS" }, world.hub.url)).signOffTimes;
    expect(expectedSignOffRows(camden, options, "partners")).toEqual([]);
    expect(await signOffRows(other)).toEqual([]);
    expect(await other.locator("#panel-signoff").getAttribute("data-state")).toBe("empty");
    expect(await other.locator("#panel-signoff .status").innerText()).toBe("No partner organisation sign-offs match these filters. With a borough chosen, only that borough's own sign-offs are listed.");
    await other.check("input[name=signers][value=all]");
    expect(await signOffRows(other)).toEqual(expectedSignOffRows(camden, options, "all"));
    expect((await signOffRows(other)).map((r) => r[0])).toEqual(["Camden"]);
    await other.close();
    await page.close();
  });

  it("fits a 390 px phone: the heat map with its splits scrolls in its own box, never the page", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.goto(`${worldOrigin()}/dashboard?unit=CALENDAR_DAYS`);
    await settled(page);
    expect(await signOffRows(page)).toEqual(SIGN_OFF_WORLD_EXPECTED_CALENDAR);
    const seen = await page.evaluate(() => {
      const table = document.querySelector("#panel-signoff table")!;
      let box = table.parentElement;
      while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      const choice = document.getElementById("signers")!.getBoundingClientRect();
      return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, box: box ? box.getBoundingClientRect().right : Infinity, choice: choice.right };
    });
    expect(seen.inner).toBe(390);
    expect(seen.scroll).toBeLessThanOrEqual(seen.inner);
    expect(seen.box).toBeLessThanOrEqual(seen.inner);
    expect(seen.choice).toBeLessThanOrEqual(seen.inner);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator("#panel-signoff").screenshot({ path: join(ARTIFACTS, "sign-off-partners-390.png") });
    await page.close();
  });
});
