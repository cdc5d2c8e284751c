import { once } from "node:events";
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { execute, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHubSchema } from "../../schema/index.js";
import { createHub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { CAMDEN, HACKNEY, fixtureDbFile } from "./hub.fixture.js";
import { createGateway, type FailedEvent } from "../../server/gateway/index.js";
import { gql, memoryLogger, serveSubgraph, tempSupergraphFile, type TestSubgraph } from "./subgraph.helpers.js";

// A tool adapter (ISG's own API) that adds the agreement's status in ISG to the hub's Initiative.
const ISG_ADAPTER_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  "Where an initiative's information-sharing agreement stands in ISG."
  enum IsgAgreementStatus { DRAFT IN_SIGN_OFF SIGNED EXPIRED }
  type Initiative @key(fields: "id") {
    id: ID!
    "The agreement's status in ISG."
    isgStatus: IsgAgreementStatus
    "ISG's own reference for the agreement."
    isgReference: String
  }
`;
const ISG_RECORDS: Record<string, { isgStatus: string; isgReference: string }> = {
  "fed-1": { isgStatus: "IN_SIGN_OFF", isgReference: "ISG-2024-0117" },
};
const isgResolvers = {
  Initiative: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, ...(ISG_RECORDS[ref.id] ?? { isgStatus: null, isgReference: null }) }) },
};

// A borough's own data service that adds population to Borough, and pages its own lists with the
// Relay PageInfo the hub also defines (so the hub's PageInfo must be @shareable).
const BOROUGH_DATA_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
  type Borough @key(fields: "code") {
    code: String!
    "Resident population (test figures)."
    population: Int
  }
  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  type DatasetEdge { cursor: String! node: String! }
  type DatasetConnection { edges: [DatasetEdge!]! pageInfo: PageInfo! }
  type Query { "Data sets the borough publishes." boroughDatasets(code: String!): DatasetConnection! }
`;
const POPULATION: Record<string, number> = { [CAMDEN]: 210_000, [HACKNEY]: 259_000 };
const boroughDataResolvers = {
  Borough: { __resolveReference: (ref: { code: string }) => ({ code: ref.code, population: POPULATION[ref.code] ?? null }) },
  Query: {
    boroughDatasets: () => ({ edges: [{ cursor: "a", node: "street-trees" }], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: "a", endCursor: "a" } }),
  },
};

let hubSdl: string;

beforeAll(async () => {
  const result = await execute({ schema: await buildHubSchema(), document: parse("{ _service { sdl } }") });
  expect(result.errors).toBeUndefined();
  hubSdl = (result.data as { _service: { sdl: string } })._service.sdl;
});

describe("the hub as a Federation 2 subgraph", () => {
  it("links federation v2 and declares the four entities by their keys", () => {
    expect(hubSdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const [type, key] of [["Borough", "code"], ["Initiative", "id"], ["Tool", "slug"], ["Organisation", "slug"]]) {
      expect(hubSdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "${key}"\\)`));
    }
    // Relay's PageInfo is defined by many subgraphs: the hub's must be shareable to compose with them.
    expect(hubSdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it("composes from the committed schema.graphql too (what Rover reads with `schema: file:`)", () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    const result = composeServices([
      { name: "hub", url: "http://hub/graphql", typeDefs: parse(committed) },
      { name: "isg_adapter", url: "http://isg/graphql", typeDefs: parse(ISG_ADAPTER_SDL) },
      { name: "borough_data", url: "http://boroughs/graphql", typeDefs: parse(BOROUGH_DATA_SDL) },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
  });

  it("composes with a tool adapter and a borough service without errors", () => {
    const result = composeServices([
      { name: "hub", url: "http://hub/graphql", typeDefs: parse(hubSdl) },
      { name: "isg_adapter", url: "http://isg/graphql", typeDefs: parse(ISG_ADAPTER_SDL) },
      { name: "borough_data", url: "http://boroughs/graphql", typeDefs: parse(BOROUGH_DATA_SDL) },
    ]);
    expect(result.errors?.map((e) => e.message)).toBeUndefined();
    const sdl = result.supergraphSdl!;
    expect(sdl).toContain('join__graph(name: "hub", url: "http://hub/graphql")');
    expect(sdl).toMatch(/isgStatus: IsgAgreementStatus @join__field\(graph: ISG_ADAPTER\)/);
    expect(sdl).toMatch(/population: Int @join__field\(graph: BOROUGH_DATA\)/);
    expect(sdl).toMatch(/type Initiative\s+@join__type\(graph: HUB, key: "id"\)\s+@join__type\(graph: ISG_ADAPTER, key: "id"\)/);
    expect(sdl).toMatch(/type Borough\s+@join__type\(graph: BOROUGH_DATA, key: "code"\)\s+@join__type\(graph: HUB, key: "code"\)/);
  });
});

describe("a query through Apollo Gateway that crosses the hub and two other subgraphs", () => {
  let hub: Awaited<ReturnType<typeof createHub>>;
  let hubDb: HubDb;
  let isg: TestSubgraph;
  let boroughData: TestSubgraph;
  let gateway: ApolloServer;
  let file: { path: string; remove: () => void };

  beforeAll(async () => {
    file = fixtureDbFile();
    hubDb = openDb(file.path);
    const config = loadConfig({}, { port: 0, host: "127.0.0.1", dbPath: file.path, seedDemo: false, logLevel: "silent", allowAnonymousRead: true });
    hub = await createHub({ config, db: hubDb });
    isg = await serveSubgraph("isg_adapter", ISG_ADAPTER_SDL, isgResolvers as never);
    boroughData = await serveSubgraph("borough_data", BOROUGH_DATA_SDL, boroughDataResolvers as never);
    const composed = composeServices([
      { name: "hub", url: hub.url, typeDefs: parse(hubSdl) },
      { name: "isg_adapter", url: isg.url, typeDefs: parse(ISG_ADAPTER_SDL) },
      { name: "borough_data", url: boroughData.url, typeDefs: parse(BOROUGH_DATA_SDL) },
    ]);
    gateway = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl!, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
    });
    await gateway.start();
  });

  afterAll(async () => {
    await gateway?.stop();
    await isg?.stop();
    await boroughData?.stop();
    await hub?.close();
    hubDb?.close();
    file?.remove();
  });

  async function run(query: string) {
    const res = await gateway.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query } },
      context: async () => ({}),
    });
    expect(res.body.kind).toBe("complete");
    return JSON.parse((res.body as { string: string }).string);
  }

  it("joins an initiative's ISG status and its boroughs' population to the hub's data", async () => {
    const body = await run(`{
      initiative(id: "fed-1") {
        id
        title
        isgStatus
        isgReference
        tool { slug }
        leadBorough { code name population }
        boroughs { borough { code name population } }
        partners { organisation { slug name } }
      }
    }`);
    expect(body).toEqual({
      data: {
        initiative: {
          id: "fed-1",
          title: "Shared care records",
          isgStatus: "IN_SIGN_OFF",
          isgReference: "ISG-2024-0117",
          tool: { slug: "isg" },
          leadBorough: { code: CAMDEN, name: "Camden", population: 210_000 },
          boroughs: [
            { borough: { code: CAMDEN, name: "Camden", population: 210_000 } },
            { borough: { code: HACKNEY, name: "Hackney", population: 259_000 } },
          ],
          partners: [{ organisation: { slug: "nel-icb", name: "North East London ICB" } }],
        },
      },
    });
  });

  it("is what gateway mode serves from a supergraph.json, with partial data when an adapter is down", async () => {
    // Its own borough service, so stopping it leaves the other tests' one running.
    const boroughs2 = await serveSubgraph("borough_data", BOROUGH_DATA_SDL, boroughDataResolvers as never);
    const f = tempSupergraphFile([
      { name: "hub", url: hub.url },
      { name: "isg_adapter", url: isg.url },
      { name: "borough_data", url: boroughs2.url },
    ]);
    const gw = await createGateway({ configPath: f.path, port: 0, host: "127.0.0.1", logger: memoryLogger().logger });
    try {
      // A composition error would otherwise only show as a timeout (the gateway keeps retrying).
      await Promise.race([
        gw.ready,
        once(gw.supergraph, "failed").then(([e]) => {
          throw new Error(`gateway did not compose: ${(e as FailedEvent).errors.join("; ")}`);
        }),
      ]);
      const query = `{ initiative(id: "fed-1") { title isgStatus leadBorough { name population } } }`;
      expect((await gql(gw.url, query)).body).toEqual({
        data: { initiative: { title: "Shared care records", isgStatus: "IN_SIGN_OFF", leadBorough: { name: "Camden", population: 210_000 } } },
      });
      await boroughs2.stop();
      expect((await gql(gw.url, query)).body).toEqual({
        data: { initiative: { title: "Shared care records", isgStatus: "IN_SIGN_OFF", leadBorough: { name: "Camden", population: null } } },
        errors: [
          {
            message: 'Subgraph "borough_data" is unavailable (ECONNREFUSED); the fields it serves are null in this result. Try again later.',
            extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: "borough_data", serviceName: "borough_data" },
          },
        ],
      });
    } finally {
      await gw.close();
      f.remove();
    }
  });

  it("resolves every hub entity from its key through _entities (null for an unknown key)", async () => {
    const res = await fetch(hub.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) {
          __typename
          ... on Borough { code name }
          ... on Initiative { id title }
          ... on Tool { slug isBaseline }
          ... on Organisation { slug name }
        } }`,
        variables: {
          r: [
            { __typename: "Borough", code: HACKNEY },
            { __typename: "Initiative", id: "fed-2" },
            { __typename: "Tool", slug: "manual" },
            { __typename: "Organisation", slug: "nel-icb" },
            { __typename: "Initiative", id: "no-such-initiative" },
          ],
        },
      }),
    });
    expect(await res.json()).toEqual({
      data: {
        _entities: [
          { __typename: "Borough", code: HACKNEY, name: "Hackney" },
          { __typename: "Initiative", id: "fed-2", title: "Temporary accommodation" },
          { __typename: "Tool", slug: "manual", isBaseline: true },
          { __typename: "Organisation", slug: "nel-icb", name: "North East London ICB" },
          null,
        ],
      },
    });
  });
});
