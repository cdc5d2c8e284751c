import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../db/connection.js";
import { fixtureDb } from "./fixture.js";
import { run } from "./run.js";

/**
 * Organisations' public identifiers (issue 13 point 1): shown where the database holds them with
 * their source, null (UNKNOWN) everywhere else: the hub invents none.
 */
let db: HubDb;
beforeAll(() => {
  db = fixtureDb(1);
  db.sql.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES ('police-y', 'Police Y', 'POLICE', 1)").run();
  db.sql
    .prepare("INSERT INTO organisations (slug, name, kind, ods_code, ico_registration, identifier_source, synthetic) VALUES ('trust-x', 'Trust X', 'NHS_TRUST', 'RXX', 'Z0000000', 'https://example.invalid/register', 1)")
    .run();
});
afterAll(() => db.close());

const ALL = `{ organisations(first: 100) { edges { node { slug odsCode icoRegistration identifierSource } } } }`;

describe("Organisation's public identifiers", () => {
  it("are null for every organisation whose identifiers the database does not hold, and as stored where it does", async () => {
    const r = await run(db, ALL);
    expect(r.errors).toBeUndefined();
    const nodes = (r.data.organisations.edges as { node: Record<string, string | null> }[]).map((e) => e.node);
    const stored = db.sql.prepare("SELECT slug FROM organisations ORDER BY slug").pluck().all() as string[];
    expect(nodes.map((n) => n.slug)).toEqual(stored);
    expect(stored.length).toBeGreaterThan(1);
    for (const n of nodes) {
      if (n.slug === "trust-x") expect(n).toEqual({ slug: "trust-x", odsCode: "RXX", icoRegistration: "Z0000000", identifierSource: "https://example.invalid/register" });
      else expect(n).toEqual({ slug: n.slug, odsCode: null, icoRegistration: null, identifierSource: null });
    }
  });

  it("come through the federation key as well", async () => {
    const r = await run(db, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { slug odsCode identifierSource } } }`, { r: [{ __typename: "Organisation", slug: "trust-x" }] });
    expect(r.data).toEqual({ _entities: [{ slug: "trust-x", odsCode: "RXX", identifierSource: "https://example.invalid/register" }] });
  });
});
