import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { buildSchema, execute, parse, type GraphQLSchema } from "graphql";
import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { buildHubSchema } from "../../../schema/index.js";
import { createLoaders } from "../../../schema/loaders.js";
import type { HubContext, Viewer } from "../../../schema/context.js";
import { loadConfig } from "../../../server/config.js";
import { applyAccessPolicy, mayWriteFor, maySeePersonalData } from "../../../server/security/policy.js";

const CAMDEN = "E09000007";
const HACKNEY = "E09000012";
const V = {
  anonymous: { role: "anonymous", keyId: null, boroughs: [] },
  viewer: { role: "viewer", keyId: "1111111111111111", boroughs: [] },
  camden: { role: "editor", keyId: "2222222222222222", boroughs: [CAMDEN] },
  hackney: { role: "editor", keyId: "3333333333333333", boroughs: [HACKNEY] },
  admin: { role: "admin", keyId: "4444444444444444", boroughs: [] },
} satisfies Record<string, Viewer>;

let db: HubDb;
const ctx = (viewer: Viewer): HubContext => ({ db, viewer, loaders: createLoaders(db), config: loadConfig({}), requestId: "t" });

beforeAll(() => {
  db = openDb(":memory:");
  loadReferenceData(db);
  db.sql.prepare("INSERT INTO ig_contacts (authority_code, role, name, email) VALUES (?, 'DPO', ?, ?)").run(CAMDEN, "Ada Camden", "ada@camden.example");
  db.sql
    .prepare("INSERT INTO initiatives (id, title, lead_borough, tool_slug, process_slug, status, created_at, recorded_at, recorded_by) VALUES ('i-1', 'T', ?, 'manual', 'loti-2019', 'ACTIVE', '2024-01-01', 0, 'test')")
    .run(HACKNEY);
  db.sql.prepare("INSERT INTO initiative_boroughs (initiative_id, authority_code, role) VALUES ('i-1', ?, 'LEAD')").run(HACKNEY);
});
afterAll(() => db.close());

describe("rules", () => {
  it("personal data: admins and editors of that borough only", () => {
    expect(Object.fromEntries(Object.entries(V).map(([k, v]) => [k, maySeePersonalData(v, CAMDEN)]))).toEqual({ anonymous: false, viewer: false, camden: true, hackney: false, admin: true });
  });
  it("writes: admins, and editors when one of their boroughs takes part", () => {
    expect(Object.fromEntries(Object.entries(V).map(([k, v]) => [k, mayWriteFor(v, [HACKNEY, "E09000001"])]))).toEqual({ anonymous: false, viewer: false, camden: false, hackney: true, admin: true });
  });
});

describe("personal-data guard on the hub schema", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = applyAccessPolicy(await buildHubSchema());
  });
  const query = parse(`{ borough(code: "${CAMDEN}") { igContacts { role name email } } }`);

  it.each(["anonymous", "viewer", "hackney"] as const)("gives %s null name and e-mail with FORBIDDEN errors, never the value", async (who) => {
    const result = JSON.parse(JSON.stringify(await execute({ schema, document: query, contextValue: ctx(V[who]) })));
    expect(result.data).toEqual({ borough: { igContacts: [{ role: "DPO", name: null, email: null }] } });
    expect(result.errors.map((e: { path: unknown; extensions: unknown }) => [e.path, e.extensions])).toEqual([
      [["borough", "igContacts", 0, "name"], { code: "FORBIDDEN", field: "IgContact.name" }],
      [["borough", "igContacts", 0, "email"], { code: "FORBIDDEN", field: "IgContact.email" }],
    ]);
    expect(JSON.stringify(result)).not.toMatch(/Ada|ada@/);
    expect(result.errors[0].message).toMatch(/IgContact\.name is personal data: only admins and editor keys of E09000007 may see it/);
  });

  it.each(["camden", "admin"] as const)("shows %s the name and e-mail", async (who) => {
    const result = await execute({ schema, document: query, contextValue: ctx(V[who]) });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ data: { borough: { igContacts: [{ role: "DPO", name: "Ada Camden", email: "ada@camden.example" }] } } });
  });

  it("refuses a schema that lost a personal-data field, so a rename cannot drop the guard", () => {
    expect(() => applyAccessPolicy(buildSchema("type Query { a: Int } type IgContact { role: String }"))).toThrow(/IgContact\.name is not in the schema/);
  });
});

describe("write guard on Mutation fields", () => {
  // A stand-in for the write mutations, shaped like them: one addresses an initiative, one creates one.
  const schema = applyAccessPolicy(
    buildSchema(`
      type Query { a: Int }
      type IgContact { name: String email: String }
      input EventInput { initiativeId: String! stage: String! }
      input NewInitiative { id: String! leadBorough: String! boroughs: [String!]! }
      type Mutation { recordStageEvent(input: EventInput!): String  createInitiative(input: NewInitiative!): String  purge: String }
    `),
  );
  // Wrapped resolvers fall back to the default resolver, which reads the root value.
  const root = { recordStageEvent: "recorded", createInitiative: "created", purge: "purged" };
  const run = async (viewer: Viewer, source: string) => {
    const r = JSON.parse(JSON.stringify(await execute({ schema, document: parse(source), contextValue: ctx(viewer), rootValue: root })));
    return { data: r.data, codes: (r.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code), messages: (r.errors ?? []).map((e: { message: string }) => e.message) };
  };
  const record = (id: string) => `mutation { recordStageEvent(input: { initiativeId: "${id}", stage: "DPIA" }) }`;
  const create = (lead: string, boroughs: string[]) => `mutation { createInitiative(input: { id: "n", leadBorough: "${lead}", boroughs: ${JSON.stringify(boroughs)} }) }`;

  it("refuses anonymous and viewer keys", async () => {
    for (const who of ["anonymous", "viewer"] as const) {
      const r = await run(V[who], record("i-1"));
      expect(r).toMatchObject({ data: { recordStageEvent: null }, codes: ["FORBIDDEN"] });
      expect(r.messages[0]).toMatch(/needs an editor or admin API key/);
    }
  });

  it("lets an editor write only where one of its boroughs takes part", async () => {
    expect(await run(V.hackney, record("i-1"))).toEqual({ data: { recordStageEvent: "recorded" }, codes: [], messages: [] });
    const refused = await run(V.camden, record("i-1"));
    expect(refused.codes).toEqual(["FORBIDDEN"]);
    expect(refused.messages[0]).toBe("Your key (editor for E09000007) may write only for initiatives in which one of its boroughs takes part; initiative i-1 involves E09000012.");
    expect((await run(V.camden, create(HACKNEY, [HACKNEY, CAMDEN]))).data).toEqual({ createInitiative: "created" });
    expect((await run(V.camden, create(HACKNEY, [HACKNEY]))).codes).toEqual(["FORBIDDEN"]);
  });

  it("passes an unknown initiative on to the write service (which reports it), and keeps untargeted mutations for admins", async () => {
    expect((await run(V.camden, record("nope"))).data).toEqual({ recordStageEvent: "recorded" });
    expect((await run(V.camden, "mutation { purge }")).codes).toEqual(["FORBIDDEN"]);
    expect((await run(V.admin, "mutation { purge }")).data).toEqual({ purge: "purged" });
    expect((await run(V.admin, record("i-1"))).data).toEqual({ recordStageEvent: "recorded" });
  });
});
