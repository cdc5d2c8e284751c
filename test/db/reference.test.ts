import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { openDb, type HubDb } from "../../db/connection.js";
import { getDataVersion } from "../../db/cycles/change-log.js";
import { loadReferenceData } from "../../db/reference/index.js";

const REFERENCE_TABLES = ["processes", "process_stages", "authorities", "tools", "features", "tool_features", "practices"];

function tableHash(db: HubDb, tables: readonly string[]): string {
  const h = createHash("sha256");
  for (const t of tables) h.update(t).update(JSON.stringify(db.sql.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).raw().all()));
  return h.digest("hex");
}

let db: HubDb;
beforeEach(() => {
  db = openDb(":memory:");
  loadReferenceData(db);
});
afterEach(() => db.close());

const all = <T>(sql: string, ...params: unknown[]) => db.sql.prepare(sql).all(...params) as T[];

describe("loadReferenceData: authorities", () => {
  it("loads the 33 London authorities with their GSS codes E09000001..E09000033", () => {
    const rows = all<{ code: string; name: string }>("SELECT code, name FROM authorities ORDER BY code");
    expect(rows.map((r) => r.code)).toEqual(Array.from({ length: 33 }, (_, i) => `E090000${String(i + 1).padStart(2, "0")}`));
    expect(rows[0]).toEqual({ code: "E09000001", name: "City of London" });
    expect(rows[6]).toEqual({ code: "E09000007", name: "Camden" });
    expect(rows[32]).toEqual({ code: "E09000033", name: "Westminster" });
  });

  it("holds the ONS definition: 19 Outer boroughs, the other 14 (the City included) Inner", () => {
    const outer = all<{ name: string }>("SELECT name FROM authorities WHERE ons_zone = 'OUTER' ORDER BY name").map((r) => r.name);
    expect(outer).toEqual([
      "Barking and Dagenham",
      "Barnet",
      "Bexley",
      "Brent",
      "Bromley",
      "Croydon",
      "Ealing",
      "Enfield",
      "Greenwich",
      "Harrow",
      "Havering",
      "Hillingdon",
      "Hounslow",
      "Kingston upon Thames",
      "Merton",
      "Redbridge",
      "Richmond upon Thames",
      "Sutton",
      "Waltham Forest",
    ]);
    expect(all<{ n: number }>("SELECT count(*) AS n FROM authorities WHERE ons_zone = 'INNER'")[0]!.n).toBe(14);
  });

  it("holds the statutory definition, which differs for exactly Haringey, Newham (Outer) and Greenwich (Inner)", () => {
    const differ = all<{ name: string; ons_zone: string; statutory_zone: string }>(
      "SELECT name, ons_zone, statutory_zone FROM authorities WHERE ons_zone <> statutory_zone ORDER BY name",
    );
    expect(differ).toEqual([
      { name: "Greenwich", ons_zone: "OUTER", statutory_zone: "INNER" },
      { name: "Haringey", ons_zone: "INNER", statutory_zone: "OUTER" },
      { name: "Newham", ons_zone: "INNER", statutory_zone: "OUTER" },
    ]);
  });

  it("records LOTI membership as UNKNOWN for every borough, with the reason in the source", () => {
    const rows = all<{ loti_membership: string; loti_member_since: string | null; source: string }>("SELECT loti_membership, loti_member_since, source FROM authorities");
    expect(new Set(rows.map((r) => r.loti_membership))).toEqual(new Set(["UNKNOWN"]));
    expect(rows.every((r) => r.loti_member_since === null)).toBe(true);
    expect(rows.every((r) => r.source.includes("15 founding boroughs") && r.source.includes("founders was not found"))).toBe(true);
  });
});

describe("loadReferenceData: tools and features", () => {
  it("loads the seven tools, manual as the only baseline, with the inference caveats", () => {
    const tools = all<{ slug: string; is_baseline: number; note: string | null; source: string }>("SELECT slug, is_baseline, note, source FROM tools ORDER BY slug");
    expect(tools.map((t) => t.slug)).toEqual(["ecins", "flowz", "icase", "isg", "manual", "onelondon", "weisf"]);
    expect(tools.filter((t) => t.is_baseline === 1).map((t) => t.slug)).toEqual(["manual"]);
    expect(tools.find((t) => t.slug === "onelondon")!.note).toMatch(/^† .*inference/);
    expect(tools.find((t) => t.slug === "icase")!.note).toMatch(/^‡ .*inference/);
    expect(tools.every((t) => t.source.length > 0)).toBe(true);
    expect(tools.find((t) => t.slug === "manual")!.source).toBe("baseline: email and documents, by definition");
  });

  it("loads the eleven features in comparison order", () => {
    expect(all<{ slug: string }>("SELECT slug FROM features ORDER BY position").map((f) => f.slug)).toEqual([
      "organisation-register",
      "dpo-directory",
      "isa-registry",
      "dpia",
      "templates",
      "per-organisation-signoff",
      "data-flow-mapping",
      "audit-trail",
      "review-reminders",
      "reporting",
      "api-export",
    ]);
  });

  it("has a support level for every tool × feature, with a source", () => {
    const rows = all<{ n: number; sourced: number }>("SELECT count(*) AS n, sum(CASE WHEN source IS NOT NULL AND source <> '' THEN 1 ELSE 0 END) AS sourced FROM tool_features");
    expect(rows[0]).toEqual({ n: 77, sourced: 77 });
  });

  it("stores ISG's column as RESEARCH.md's ✔/~/✗/? say", () => {
    const isg = all<{ feature_slug: string; level: string; note: string | null }>(
      "SELECT tf.feature_slug, tf.level, tf.note FROM tool_features tf JOIN features f ON f.slug = tf.feature_slug WHERE tool_slug = 'isg' ORDER BY f.position",
    );
    expect(isg).toEqual([
      { feature_slug: "organisation-register", level: "FULL", note: null },
      { feature_slug: "dpo-directory", level: "PARTIAL", note: null },
      { feature_slug: "isa-registry", level: "FULL", note: null },
      { feature_slug: "dpia", level: "PARTIAL", note: "risk assessment of flows; DPIA module planned 2021" },
      { feature_slug: "templates", level: "FULL", note: "ISA generated" },
      { feature_slug: "per-organisation-signoff", level: "FULL", note: null },
      { feature_slug: "data-flow-mapping", level: "FULL", note: "data-sharing map" },
      { feature_slug: "audit-trail", level: "UNKNOWN", note: "not found in the sources" },
      { feature_slug: "review-reminders", level: "UNKNOWN", note: "not found in the sources" },
      { feature_slug: "reporting", level: "FULL", note: "licensed orgs; admin dashboard" },
      { feature_slug: "api-export", level: "PARTIAL", note: "ISA PDF export" },
    ]);
  });

  it("stores single cells of the other tools with their notes and sources", () => {
    const cell = (tool: string, feature: string) =>
      db.sql.prepare("SELECT level, note, source FROM tool_features WHERE tool_slug = ? AND feature_slug = ?").get(tool, feature) as {
        level: string;
        note: string | null;
        source: string;
      };
    expect(cell("weisf", "dpia").level).toBe("NONE");
    expect(cell("weisf", "review-reminders")).toMatchObject({ level: "FULL", note: "3 months before review" });
    expect(cell("weisf", "per-organisation-signoff")).toMatchObject({ level: "PARTIAL", note: "signed offline, emailed in" });
    expect(cell("onelondon", "dpia")).toMatchObject({ level: "FULL", note: "release 1.4, 2017" });
    expect(cell("onelondon", "dpia").source).toContain("onelondon.online/about");
    expect(cell("icase", "organisation-register").level).toBe("NONE");
    expect(cell("icase", "api-export")).toMatchObject({ level: "FULL", note: "integration API" });
    expect(cell("ecins", "dpo-directory")).toMatchObject({ level: "PARTIAL", note: "single points of contact" });
    expect(cell("ecins", "isa-registry").level).toBe("NONE");
    expect(cell("isg", "data-flow-mapping").source).toContain("informationsharinggateway");
  });

  it("knows nothing of Flowz: every feature UNKNOWN", () => {
    const flowz = all<{ level: string }>("SELECT DISTINCT level FROM tool_features WHERE tool_slug = 'flowz'");
    expect(flowz).toEqual([{ level: "UNKNOWN" }]);
  });

  it("labels the manual baseline's levels as holding by definition", () => {
    const manual = all<{ level: string; source: string }>("SELECT level, source FROM tool_features WHERE tool_slug = 'manual'");
    expect(manual).toHaveLength(11);
    expect(new Set(manual.map((m) => m.source))).toEqual(new Set(["baseline: email and documents, by definition"]));
    expect(manual.some((m) => m.level === "FULL")).toBe(false);
  });
});

describe("loadReferenceData: practices and process", () => {
  it("loads the four practices, each sourced to its workshop recommendation", () => {
    const rows = all<{ slug: string; source: string }>("SELECT slug, source FROM practices ORDER BY slug");
    expect(rows.map((r) => r.slug)).toEqual(["common-dpia-template", "ig-at-concept", "statement-of-intent", "uksa-ethics-self-assessment"]);
    const source = Object.fromEntries(rows.map((r) => [r.slug, r.source]));
    expect(source["statement-of-intent"]).toMatch(/recommendation 4.*London Recovery Board/);
    expect(source["common-dpia-template"]).toContain("recommendation 7");
    expect(source["uksa-ethics-self-assessment"]).toContain("recommendation 6");
    expect(source["ig-at-concept"]).toContain("recommendation 5");
  });

  it("loads the default process loti-2019 with its five stages in order", () => {
    expect(all("SELECT slug, is_default FROM processes")).toEqual([{ slug: "loti-2019", is_default: 1 }]);
    expect(all<{ code: string }>("SELECT code FROM process_stages WHERE process_slug = 'loti-2019' ORDER BY position").map((s) => s.code)).toEqual([
      "IDEA",
      "CONCEPT",
      "DPIA",
      "ISA",
      "REVIEW",
    ]);
    expect((db.sql.prepare("SELECT source FROM processes").get() as { source: string }).source).toContain("28 October 2019");
  });
});

describe("loadReferenceData: idempotence", () => {
  it("changes nothing and keeps the data version when run again", () => {
    const before = tableHash(db, REFERENCE_TABLES);
    const version = getDataVersion(db.sql);
    expect(loadReferenceData(db)).toBe(0);
    expect(tableHash(db, REFERENCE_TABLES)).toBe(before);
    expect(getDataVersion(db.sql)).toBe(version);
  });

  it("repairs an edited row and bumps the data version", () => {
    const before = tableHash(db, REFERENCE_TABLES);
    const version = getDataVersion(db.sql);
    db.sql.prepare("UPDATE tool_features SET level = 'FULL' WHERE tool_slug = 'flowz' AND feature_slug = 'dpia'").run();
    expect(loadReferenceData(db)).toBe(1);
    expect(tableHash(db, REFERENCE_TABLES)).toBe(before);
    expect(getDataVersion(db.sql)).toBe(version + 1);
  });
});
