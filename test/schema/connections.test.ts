import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubDb } from "../../db/connection.js";
import { InitiativePageDocument } from "../../gql/graphql.js";
import { CODES, fixtureDb } from "./fixture.js";
import { run } from "./run.js";

let db: HubDb;
beforeAll(() => {
  db = fixtureDb(45);
});
afterAll(() => db.close());

const ids = (r: { data?: any }) => r.data.initiatives.edges.map((e: { node: { id: string } }) => e.node.id);
const fx = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `FX-${String(from + i).padStart(4, "0")}`);

describe("initiatives connection", () => {
  it("returns the first 20 by default, with the total and page info", async () => {
    const r = await run(db, InitiativePageDocument);
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(fx(1, 20));
    expect(r.data.initiatives.totalCount).toBe(45);
    expect(r.data.initiatives.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(r.data.initiatives.pageInfo.startCursor).toBe(r.data.initiatives.edges[0].cursor);
    expect(r.data.initiatives.pageInfo.endCursor).toBe(r.data.initiatives.edges[19].cursor);
  });

  it("walks every page with after = endCursor, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (;;) {
      const r = await run(db, InitiativePageDocument, { first: 16, after });
      expect(r.errors).toBeUndefined();
      seen.push(...ids(r));
      pages.push(r.data.initiatives.pageInfo.hasPreviousPage);
      if (!r.data.initiatives.pageInfo.hasNextPage) break;
      after = r.data.initiatives.pageInfo.endCursor;
    }
    expect(seen).toEqual(fx(1, 45));
    expect(pages).toEqual([false, true, true]);
  });

  it("accepts first: 100 and first: 0", async () => {
    const all = await run(db, InitiativePageDocument, { first: 100 });
    expect(ids(all)).toEqual(fx(1, 45));
    expect(all.data.initiatives.pageInfo.hasNextPage).toBe(false);
    const none = await run(db, InitiativePageDocument, { first: 0 });
    expect(none.data.initiatives.edges).toEqual([]);
    expect(none.data.initiatives.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it("refuses first: 101 with BAD_USER_INPUT naming `first` and the limit 100", async () => {
    const r = await run(db, InitiativePageDocument, { first: 101 });
    expect(r.data?.initiatives ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(r.errors![0]!.message).toContain('"first"');
    expect(r.errors![0]!.message).toContain("100");
  });

  it("refuses a negative first", async () => {
    const r = await run(db, InitiativePageDocument, { first: -1 });
    expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });

  it.each([
    ["garbage!"],
    ["bm90LWEtY3Vyc29y"],
    [Buffer.from('borough:["E09000001"]').toString("base64url")],
    [Buffer.from("initiative:[1,2]").toString("base64url")],
    [Buffer.from("initiative:[5]").toString("base64url")],
    [Buffer.from('initiative:["FX-0001\\u0000"]').toString("base64url")],
  ])(
    "refuses the bad cursor %s with BAD_USER_INPUT naming `after`",
    async (after) => {
      const r = await run(db, InitiativePageDocument, { after });
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
      expect(r.errors![0]!.message).toContain('"after"');
    },
  );

  it("filters by borough, tool, practice, status, stage, dates and text", async () => {
    const q = (filter: object) => run(db, InitiativePageDocument, { first: 100, filter });
    // Borough E09000001 = CODES[1]: lead when k % 6 = 1, participant when (k + 1) % 6 = 1 (k % 6 = 0).
    const byBorough = fx(1, 45).filter((_, i) => (i + 1) % 6 === 1 || (i + 1) % 6 === 0);
    expect(ids(await q({ boroughs: [CODES[1]] }))).toEqual(byBorough);
    expect(ids(await q({ tools: ["isg"] }))).toEqual(fx(1, 45).filter((_, i) => (i + 1) % 3 === 0));
    expect(ids(await q({ practices: ["common-dpia-template"] }))).toEqual(fx(1, 45).filter((_, i) => (i + 1) % 2 === 0));
    expect(ids(await q({ statuses: ["WITHDRAWN"] }))).toEqual(["FX-0007", "FX-0014", "FX-0021", "FX-0028", "FX-0035", "FX-0042"]);
    expect(ids(await q({ stages: ["CONCEPT"] }))).toEqual(fx(1, 45).filter((_, i) => (i + 1) % 2 === 1));
    expect(ids(await q({ createdFrom: "2024-01-10", createdTo: "2024-01-12" }))).toEqual(["FX-0009", "FX-0010", "FX-0011"]);
    expect(ids(await q({ search: "HOUSING" }))).toEqual(["FX-0005", "FX-0010", "FX-0015", "FX-0020", "FX-0025", "FX-0030", "FX-0035", "FX-0040", "FX-0045"]);
    const both = await q({ tools: ["isg"], search: "housing" });
    expect(ids(both)).toEqual(["FX-0015", "FX-0030", "FX-0045"]);
    expect(both.data.initiatives.totalCount).toBe(3);
    // An empty list sets no condition.
    expect((await q({ tools: [] })).data.initiatives.totalCount).toBe(45);
  });

  it("treats LIKE wildcards in the search text literally", async () => {
    const r = await run(db, InitiativePageDocument, { filter: { search: "%" } });
    expect(r.data.initiatives.totalCount).toBe(0);
  });

  // PostgreSQL text cannot hold U+0000 and refuses it as a parameter; no stored key holds it on
  // either database, so such a value matches nothing (as it always did on SQLite), not an error.
  it("matches nothing for filter values and search text holding U+0000", async () => {
    const q = (filter: object) => run(db, InitiativePageDocument, { first: 100, filter });
    for (const filter of [{ boroughs: ["\u0000"] }, { tools: ["isg\u0000"] }, { practices: ["\u0000"] }, { stages: ["\u0000"] }, { search: "housing\u0000" }]) {
      const r = await q(filter);
      expect(r.errors, JSON.stringify(filter)).toBeUndefined();
      expect(r.data.initiatives.totalCount).toBe(0);
      expect(r.data.initiatives.edges).toEqual([]);
    }
    // Alongside a value that can match, the list still matches what that value matches.
    const r = await q({ tools: ["\u0000", "isg"] });
    expect(ids(r)).toEqual(fx(1, 45).filter((_, i) => (i + 1) % 3 === 0));
  });
});

describe("nested and reference connections", () => {
  it("pages a borough's initiatives with the same cursors", async () => {
    const query = `query($after: String) { borough(code: "${CODES[1]}") { initiatives(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const first = await run(db, query);
    const page1 = first.data.borough.initiatives;
    expect(page1.totalCount).toBe(15);
    expect(page1.edges.map((e: any) => e.node.id)).toEqual(["FX-0001", "FX-0006", "FX-0007", "FX-0012"]);
    const second = await run(db, query, { after: page1.pageInfo.endCursor });
    expect(second.data.borough.initiatives.edges.map((e: any) => e.node.id)).toEqual(["FX-0013", "FX-0018", "FX-0019", "FX-0024"]);
  });

  it("pages boroughs by GSS code", async () => {
    const r = await run(db, `{ boroughs(first: 2) { totalCount pageInfo { endCursor } edges { node { code } } } }`);
    expect(r.data.boroughs.totalCount).toBe(33);
    expect(r.data.boroughs.edges.map((e: any) => e.node.code)).toEqual(["E09000001", "E09000002"]);
    const next = await run(db, `query($a: String) { boroughs(first: 2, after: $a) { edges { node { code } } } }`, { a: r.data.boroughs.pageInfo.endCursor });
    expect(next.data.boroughs.edges.map((e: any) => e.node.code)).toEqual(["E09000003", "E09000004"]);
  });

  it("refuses an initiatives cursor on the boroughs list", async () => {
    const init = await run(db, InitiativePageDocument, { first: 1 });
    const r = await run(db, `query($a: String) { boroughs(after: $a) { totalCount } }`, { a: init.data.initiatives.pageInfo.endCursor });
    expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("pages an initiative's events in time order", async () => {
    const q = `query($a: String) { initiative(id: "FX-0001") { events(first: 4, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { stage kind at borough { code } } } } } }`;
    const r = await run(db, q);
    expect(r.errors).toBeUndefined();
    const ev = r.data.initiative.events;
    expect(ev.totalCount).toBe(6);
    expect(ev.edges.map((e: any) => `${e.node.stage}:${e.node.kind}`)).toEqual(["IDEA:SUBMITTED", "IDEA:APPROVED", "CONCEPT:SUBMITTED", "CONCEPT:QUERY_RAISED"]);
    expect(ev.edges[0].node.at).toBe("2024-01-02T00:00:00.000Z");
    const rest = await run(db, q, { a: ev.pageInfo.endCursor });
    expect(rest.data.initiative.events.edges.map((e: any) => [e.node.kind, e.node.borough?.code ?? null])).toEqual([
      ["RESUBMITTED", null],
      ["APPROVED", CODES[1]],
    ]);
    expect(rest.data.initiative.events.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses an events cursor whose time or id is not an integer", async () => {
    const q = `query($a: String) { initiative(id: "FX-0001") { events(after: $a) { totalCount } } }`;
    for (const key of ["[1.5,2]", "[1,1e300]", '["1",2]']) {
      const r = await run(db, q, { a: Buffer.from(`event:${key}`).toString("base64url") });
      expect(r.errors?.map((e) => e.extensions?.code), key).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("resolves keys holding U+0000 to nothing, not an error", async () => {
    const r = await run(
      db,
      `{ borough(code: "E09000001\\u0000") { code } tool(slug: "isg\\u0000") { slug } organisation(slug: "\\u0000") { slug }
         initiative(id: "FX-0001\\u0000") { id } fx: initiative(id: "FX-0001") { events(stage: "IDEA\\u0000") { totalCount edges { node { id } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ borough: null, tool: null, organisation: null, initiative: null, fx: { events: { totalCount: 0, edges: [] } } });
    const entities = await run(db, `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`, {
      r: [
        { __typename: "Borough", code: "\u0000" },
        { __typename: "Initiative", id: "\u0000" },
        { __typename: "Tool", slug: "\u0000" },
        { __typename: "Organisation", slug: "\u0000" },
        { __typename: "Borough", code: CODES[1] },
      ],
    });
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities).toEqual([null, null, null, null, { __typename: "Borough" }]);
  });
});
