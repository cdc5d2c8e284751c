import { readFileSync, readdirSync, type Dirent } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_JS_FILE, COHORT_SPEC_FILE, DASHBOARD_DIR, STATIC_FILES, dashboardRoutes } from "../../server/dashboard.routes.js";

/** Every file under dashboard/static, folders walked, as paths relative to it. */
const staticFiles = () =>
  (readdirSync(join(DASHBOARD_DIR, "static"), { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(join(DASHBOARD_DIR, "static"), join(entry.parentPath, entry.name)))
    .sort();

let server: Server;
let base: string;

beforeAll(async () => {
  const [handler] = dashboardRoutes();
  server = createServer(async (req, res) => {
    if (!(await handler!(req, res))) {
      res.writeHead(418);
      res.end("not the dashboard's");
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

describe("dashboard routes", () => {
  it("serves the page with a same-origin content security policy", async () => {
    const res = await fetch(`${base}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
    expect(await res.text()).toBe(readFileSync(join(DASHBOARD_DIR, "index.html"), "utf8"));
  });

  it("serves Chart.js from node_modules, byte for byte", async () => {
    const res = await fetch(`${base}/dashboard/vendor/chart.umd.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(CHART_JS_FILE))).toBe(true);
  });

  it("serves every script, style and GraphQL document the page uses", async () => {
    // The served list is fixed; a file added to dashboard/static but not to it fails here.
    expect([...STATIC_FILES].sort()).toEqual(staticFiles());
    const files = [
      ...staticFiles().map((f) => `static/${f}`),
      ...readdirSync(join(DASHBOARD_DIR, "queries")).map((f) => `queries/${f}`),
    ];
    expect(files).toContain("static/app.js");
    expect(files).toContain("static/panels/compare.js");
    expect(files.filter((f) => f.endsWith(".graphql")).length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const res = await fetch(`${base}/dashboard/${f}`);
      expect(res.status, f).toBe(200);
      expect(await res.text(), f).toBe(readFileSync(join(DASHBOARD_DIR, f), "utf8"));
    }
  });

  it("serves the CLI's cohort grammar (report/cohort-spec.mjs) as the module cohort-spec.js, byte for byte", async () => {
    const res = await fetch(`${base}/dashboard/static/cohort-spec.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(COHORT_SPEC_FILE))).toBe(true);
    expect(COHORT_SPEC_FILE).toBe(join(DASHBOARD_DIR, "..", "report", "cohort-spec.mjs"));
  });

  it("serves the initiative page at /dashboard/initiative/<id> for any one-segment id, with the page's CSP", async () => {
    const page = readFileSync(join(DASHBOARD_DIR, "initiative.html"), "utf8");
    for (const id of ["SYN-000010", "an%20id%20with%20spaces"]) {
      const res = await fetch(`${base}/dashboard/initiative/${id}`);
      expect(res.status, id).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await res.text()).toBe(page);
    }
    expect((await fetch(`${base}/dashboard/initiative/`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/initiative/a/b`)).status).toBe(404);
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await fetch(`${base}/dashboard/static/app.js`);
    const etag = first.headers.get("etag")!;
    const again = await fetch(`${base}/dashboard/static/app.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("refuses paths outside its file list and methods other than GET/HEAD", async () => {
    expect((await fetch(`${base}/dashboard/static/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/nothing.js`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard`, { method: "POST" })).status).toBe(405);
  });

  it("leaves other paths to the next handler", async () => {
    const res = await fetch(`${base}/graphql`);
    expect(res.status).toBe(418);
  });

  it("references no URL off the hub in its page, scripts or styles", () => {
    const texts = [
      readFileSync(join(DASHBOARD_DIR, "index.html"), "utf8"),
      readFileSync(join(DASHBOARD_DIR, "initiative.html"), "utf8"),
      ...staticFiles().map((f) => readFileSync(join(DASHBOARD_DIR, "static", f), "utf8")),
      readFileSync(COHORT_SPEC_FILE, "utf8"),
    ];
    for (const t of texts) expect(t.match(/https?:\/\/[^\s"'`)]+/g) ?? []).toEqual([]);
  });
});
