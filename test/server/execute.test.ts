import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { prepareDatabase } from "../../db/prepare.js";
import { createHub, type Hub } from "../../server/app.js";
import { isoInstant } from "../../server/execute.js";
import { loadConfig } from "../../server/config.js";

// server/execute.ts runs a query document on graphql-js the first time and as graphql-jit code
// from then on. Every request below is sent three times: the first answer (graphql-js) and the
// later ones (compiled) must be the same bytes and status, for data, lazy fields, errors and
// refusals alike.

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false };

let db: HubDb;
let hub: Hub;
beforeAll(async () => {
  db = openDb(":memory:");
  prepareDatabase(db, { seedDemo: true, seed: 1 });
  hub = await createHub({ config, db });
});
afterAll(async () => {
  await hub?.close();
  db?.close();
});

async function thrice(body: unknown, headers: Record<string, string> = {}, url = hub.url) {
  const answers: { status: number; text: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    answers.push({ status: res.status, text: await res.text() });
  }
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return { status: answers[0]!.status, body: JSON.parse(answers[0]!.text) };
}

describe("hot queries (compiled by graphql-jit) answer as graphql-js does", () => {
  it("a dashboard's nested query: connections, lazy totalCount, stage summaries, DateTimes", async () => {
    const query = `{ boroughs(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code name initiatives(first: 5) { totalCount edges { node { id title status stageSummaries { stage { code } status submittedAt approvedAt rounds } } } } } } } }`;
    const { status, body } = await thrice({ query });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.boroughs.totalCount).toBe(33);
    expect(body.data.boroughs.edges).toHaveLength(10);
    const counts = body.data.boroughs.edges.map((e: { node: { initiatives: { totalCount: unknown } } }) => e.node.initiatives.totalCount);
    expect(counts.every((n: unknown) => Number.isInteger(n))).toBe(true);
    expect(body.extensions).toEqual({ dataset: { kind: "DEMO", synthetic: true } });
  });

  it("variables, aliases, fragments, __typename and introspection", async () => {
    const query = `query Q($code: String!, $n: Int) {
      a: borough(code: $code) { __typename ...B }
      boroughs(first: $n) { edges { node { code } } }
      __schema { queryType { name } }
    }
    fragment B on Borough { code name }`;
    const { body } = await thrice({ query, variables: { code: "E09000001", n: 2 }, operationName: "Q" });
    expect(body).toMatchObject({ data: { a: { __typename: "Borough", code: "E09000001" }, __schema: { queryType: { name: "Query" } } } });
    expect(body.data.boroughs.edges).toHaveLength(2);
  });

  it("personal data refused to an anonymous caller: null with a FORBIDDEN error at its path", async () => {
    const { status, body } = await thrice({ query: `{ borough(code: "E09000001") { code igContacts { role name } } }` });
    expect(status).toBe(200);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["borough", "igContacts", 0, "name"], locations: [{ line: 1, column: 55 }] });
    expect(body.data.borough.igContacts[0].name).toBeNull();
  });

  it("resolver errors (BAD_USER_INPUT) and variables that do not coerce (400)", async () => {
    const tooMany = await thrice({ query: "query($n: Int) { boroughs(first: $n) { totalCount } }", variables: { n: 101 } });
    expect(tooMany.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const badVariable = await thrice({ query: "query($n: Int) { boroughs(first: $n) { totalCount } }", variables: { n: "ten" } }, { accept: "application/graphql-response+json" });
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(badVariable.body.errors[0].message).toMatch(/^Variable "\$n" got invalid value "ten"/);
  });

  it("federation entities (_entities) through the loaders", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Borough { code name } ... on Initiative { id } } }`;
    const { body } = await thrice({ query, variables: { r: [{ __typename: "Borough", code: "E09000002" }, { __typename: "Borough", code: "E09000001" }] } });
    expect(body.data._entities.map((e: { code: string }) => e.code)).toEqual(["E09000002", "E09000001"]);
  });
});

describe("leaves read as properties in compiled code", () => {
  // Compiled code reads a leaf without a resolver of its own as a property of its parent; a parent
  // that holds a Promise or a method there (as graphql-js allows) gets graphql-js's answer all the same.
  let calls = 0;
  const part = new GraphQLObjectType({ name: "Part", fields: { name: { type: GraphQLString } } });
  const thing = new GraphQLObjectType({
    name: "Thing",
    fields: { plain: { type: GraphQLString }, later: { type: GraphQLInt }, method: { type: GraphQLString }, list: { type: new GraphQLList(GraphQLInt) }, part: { type: part } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        plainThing: { type: thing, resolve: () => ({ plain: "p", later: 1, method: "not a method", list: [1, 2], part: { name: "n" } }) },
        lazyThing: { type: thing, resolve: () => ({ plain: "p", later: Promise.resolve(++calls), method: (args: object) => `called with ${JSON.stringify(args)}`, list: Promise.resolve([3]) }) },
        lazyPart: { type: thing, resolve: () => ({ plain: String(++calls), part: Promise.resolve({ name: "later" }) }) },
      },
    }),
  });
  let small: Hub;
  beforeAll(async () => {
    small = await createHub({ config, db, schema });
  });
  afterAll(async () => {
    await small?.close();
  });

  it("plain values", async () => {
    const { body } = await thrice({ query: "{ plainThing { plain later method list part { name } } }" }, {}, small.url);
    expect(body.data).toEqual({ plainThing: { plain: "p", later: 1, method: "not a method", list: [1, 2], part: { name: "n" } } });
  });

  it("a Promise or a method in a leaf: awaited or called, as graphql-js does, on every run", async () => {
    calls = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(small.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ lazyThing { plain later method list } }" }) });
      answers.push(await res.json());
    }
    // Run 1 on graphql-js; run 2 compiled, finds the lazy leaf and is answered by graphql-js again
    // (its resolvers ran twice); runs 3 and 4 compiled with every resolver.
    expect(answers.map((a) => a.data.lazyThing.later)).toEqual([1, 3, 4, 5]);
    for (const a of answers) {
      expect(a.errors).toBeUndefined();
      expect(a.data.lazyThing).toMatchObject({ plain: "p", method: "called with {}", list: [3] });
    }
  });

  it("a Promise in an object field: awaited, as graphql-js does, on every run", async () => {
    calls = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(small.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ lazyPart { plain part { name } } }" }) });
      const body = await res.json();
      answers.push({ data: body.data, errors: body.errors });
    }
    expect(answers).toEqual(["1", "3", "4", "5"].map((plain) => ({ data: { lazyPart: { plain, part: { name: "later" } } }, errors: undefined })));
  });
});

describe("isoInstant (compiled queries' DateTime)", () => {
  it("writes what Date#toISOString writes, from year 0000 to 9999", () => {
    const first = new Date("0000-01-01T00:00:00.000Z").getTime();
    const last = new Date("9999-12-31T23:59:59.999Z").getTime();
    const samples = [first, last, 0, -1, 1, Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1, Date.UTC(2024, 2, 1, 9, 30), Date.UTC(2100, 1, 28, 23, 59, 59, 999)];
    let seed = 12345;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor(first + random() * (last - first)));
    for (const ms of samples) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });
});
