import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../db/connection.js";
import { fixtureDb } from "./fixture.js";
import { run } from "./run.js";

let db: HubDb;
beforeAll(() => {
  db = fixtureDb(3);
  db.sql.prepare("INSERT INTO organisations (slug, name, kind, synthetic) VALUES ('nhs-north', 'NHS North', 'NHS_TRUST', 1)").run();
});
afterAll(() => db.close());

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Borough { code name }
  ... on Tool { slug name isBaseline }
  ... on Organisation { slug name kind }
  ... on Initiative { id title leadBorough { code } }
} }`;

describe("federation entities", () => {
  it("resolves Borough, Tool, Organisation and Initiative from their keys, in order", async () => {
    const r = await run(db, ENTITIES, {
      r: [
        { __typename: "Initiative", id: "FX-0002" },
        { __typename: "Borough", code: "E09000007" },
        { __typename: "Tool", slug: "manual" },
        { __typename: "Organisation", slug: "nhs-north" },
        { __typename: "Borough", code: "E09000001" },
      ],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toEqual([
      { __typename: "Initiative", id: "FX-0002", title: "Fixture initiative 2", leadBorough: { code: "E09000003" } },
      { __typename: "Borough", code: "E09000007", name: "Camden" },
      { __typename: "Tool", slug: "manual", name: expect.any(String), isBaseline: true },
      { __typename: "Organisation", slug: "nhs-north", name: "NHS North", kind: "NHS_TRUST" },
      { __typename: "Borough", code: "E09000001", name: "City of London" },
    ]);
  });

  it("gives null for a key that matches nothing", async () => {
    const r = await run(db, ENTITIES, { r: [{ __typename: "Borough", code: "E09999999" }] });
    expect(r.data._entities).toEqual([null]);
  });

  it("serves its SDL with @key on every entity and the federation v2 link", async () => {
    const r = await run(db, "{ _service { sdl } }");
    const sdl: string = r.data._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    for (const [type, key] of [["Borough", "code"], ["Initiative", "id"], ["Tool", "slug"], ["Organisation", "slug"]]) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "${key}"\\)`));
    }
  });
});
