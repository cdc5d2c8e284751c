import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { openDb, type HubDb } from "../../../db/connection.js";
import { prepareDatabase } from "../../../db/prepare.js";
import { loadConfig } from "../../../server/config.js";
import { createHub, type Hub } from "../../../server/app.js";
import { buildHubSchema } from "../../../schema/index.js";
import { securityHub } from "./fixture.js";

/**
 * Attacks the running hub with random and malformed input (fast-check, bounded runs) and asserts
 * that it never answers 5xx and keeps serving. Each property prints its counterexample on failure.
 */
const RUNS = 200;

let f: Awaited<ReturnType<typeof securityHub>>;
let schema: GraphQLSchema;
let base: string;
beforeAll(async () => {
  f = await securityHub();
  schema = await buildHubSchema();
  base = f.hub.url.replace(/\/graphql$/, "");
});
afterAll(() => f.close());

async function send(init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${init.path ?? "/graphql"}`, { method: init.method ?? "POST", headers: init.headers, body: init.body });
  return { status: res.status, text: await res.text() };
}

async function stillUp(): Promise<void> {
  const r = await send({ method: "GET", path: "/healthz" });
  expect(r.status).toBe(200);
  const q = await send({ headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ boroughs(first: 1) { totalCount } }" }) });
  expect(JSON.parse(q.text)).toEqual({ data: { boroughs: { totalCount: 33 } } });
}

/** A random value for an input type: mostly plausible, often wrong (wrong type, out of range, huge). */
function inputValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<string> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const wrong = fc.oneof(fc.constant("null"), fc.constant('"x"'), fc.constant("-1"), fc.constant("[]"), fc.constant("{}"), fc.constant("2147483648"), fc.constant("1e400"));
  // Mostly plausible values (so most requests reach the resolvers), sometimes a wrong one.
  const mostly = (plausible: fc.Arbitrary<string>) => fc.oneof({ weight: 10, arbitrary: plausible }, { weight: 1, arbitrary: wrong });
  if (isListType(inner)) return mostly(fc.array(inputValue(inner.ofType, depth + 1), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`));
  if (isEnumType(inner)) return mostly(fc.constantFrom(...inner.getValues().map((v) => v.name)));
  if (isInputObjectType(inner)) {
    if (depth > 2) return wrong;
    const fields = Object.values(inner.getFields());
    // Required fields always (mostly valid inputs reach the write service), optional ones at random.
    const required = fields.filter((fl) => isNonNullType(fl.type) && fl.defaultValue === undefined);
    const optional = fields.filter((fl) => !required.includes(fl));
    return mostly(
      fc.subarray(optional, { maxLength: Math.min(4, optional.length) }).chain((chosen) =>
        fc.tuple(...[...required, ...chosen].map((fl) => inputValue(fl.type, depth + 1).map((v) => `${fl.name}: ${v}`))).map((parts) => `{ ${parts.join(", ")} }`),
      ),
    );
  }
  switch (getNamedType(inner).name) {
    case "Int":
      return mostly(fc.integer({ min: -10, max: 1000 }).map(String));
    case "Float":
      return mostly(fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => String(d)));
    case "Boolean":
      return mostly(fc.boolean().map(String));
    default:
      // String, ID, Date, DateTime and other scalars: plausible codes, dates, cursors and junk
      // (U+0000 too: PostgreSQL text cannot hold it, so it reaches code paths SQLite never has).
      return mostly(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom("E09000007", "E09000012", "i-1", "isg", "manual", "2024-01-01", "2024-01-01T00:00:00Z", "DPIA", "IDEA", "", "bm9wZQ==", "i-1\u0000", "E09000007\u0000").map((s) => JSON.stringify(s)) },
          { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)) },
        ),
      );
  }
}

function args(list: readonly GraphQLArgument[]): fc.Arbitrary<string> {
  if (list.length === 0) return fc.constant("");
  // Required arguments always, so most queries get past validation into the resolvers.
  const required = list.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const optional = list.filter((a) => !required.includes(a));
  return fc.subarray(optional, { maxLength: Math.min(3, optional.length) }).map((o) => [...required, ...o]).chain((chosen) =>
    chosen.length === 0 ? fc.constant("") : fc.tuple(...chosen.map((a) => inputValue(a.type).map((v) => `${a.name}: ${v}`))).map((p) => `(${p.join(", ")})`),
  );
}

/** A selection set on `type`, up to `depth` levels, from the real schema (so most queries validate). */
function selection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((fl) => !fl.name.startsWith("_"));
  const one = (fl: (typeof fields)[number]) => {
    const named = getNamedType(fl.type);
    const sub: fc.Arbitrary<string> = isLeafType(named) ? fc.constant("") : isObjectType(named) && depth > 0 ? selection(named, depth - 1).map((s) => ` { ${s} }`) : fc.constant(" { __typename }");
    return fc.tuple(args(fl.args), sub).map(([a, s]) => `${fl.name}${a}${s}`);
  };
  // Distinct fields: the same field twice with different arguments would only test the validator.
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) }).chain((chosen) => fc.tuple(...chosen.map(one)).map((xs) => xs.join(" ")));
}

describe("random input never gets a 5xx and the hub keeps serving", () => {
  it("schema-shaped queries with random arguments", async () => {
    const internal: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }).chain((d) => selection(schema.getQueryType()!, d)), async (sel) => {
        const r = await send({ headers: { "content-type": "application/json", accept: "application/graphql-response+json" }, body: JSON.stringify({ query: `{ ${sel} }` }) });
        expect(r.status, `${r.status} for { ${sel} }: ${r.text.slice(0, 300)}`).toBeLessThan(500);
        const json = JSON.parse(r.text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
        expect(json.data !== undefined || Array.isArray(json.errors)).toBe(true);
        // Not a 5xx, but a resolver that failed on input it should have refused: print it for its owner.
        for (const e of json.errors ?? []) if (e.extensions?.code === "INTERNAL_SERVER_ERROR") internal.push(`{ ${sel} } → ${e.message}`);
      }),
      { numRuns: RUNS },
    );
    if (internal.length > 0) console.warn(`INTERNAL_SERVER_ERROR answers (bugs to fix in their resolvers):\n${internal.join("\n")}`);
    await stillUp();
  });

  it("schema-shaped mutations with random inputs, as an admin (the write service must refuse bad input, not fail)", async () => {
    const internal: string[] = [];
    const mutation = schema.getMutationType()!;
    await fc.assert(
      fc.asyncProperty(selection(mutation, 1), async (sel) => {
        const r = await send({
          headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${f.keys.admin.secret}` },
          body: JSON.stringify({ query: `mutation { ${sel} }` }),
        });
        expect(r.status, `${r.status} for mutation { ${sel} }: ${r.text.slice(0, 300)}`).toBeLessThan(500);
        const json = JSON.parse(r.text) as { errors?: { message: string; extensions?: { code?: string } }[] };
        for (const e of json.errors ?? []) if (e.extensions?.code === "INTERNAL_SERVER_ERROR") internal.push(`mutation { ${sel} } → ${e.message}`);
      }),
      { numRuns: RUNS },
    );
    if (internal.length > 0) console.warn(`INTERNAL_SERVER_ERROR answers (bugs to fix in their resolvers):\n${internal.join("\n")}`);
    await stillUp();
  });

  it("random query text and random variables", async () => {
    const tokens = fc.constantFrom("{", "}", "(", ")", ":", "$v", "...", "on", "Borough", "boroughs", "first", "edges", "node", "code", "initiatives", "query", "mutation", "fragment", "@include(if: $v)", '"x"', "1", "[", "]", "#", "\\u0000", "__schema", "__type(name: \"Query\")");
    const query = fc.oneof(fc.string({ maxLength: 200 }), fc.array(tokens, { maxLength: 60 }).map((t) => t.join(" ")));
    const variables = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom("v", "first", "code"), fc.jsonValue({ maxDepth: 2 })));
    await fc.assert(
      fc.asyncProperty(query, variables, fc.option(fc.string({ maxLength: 10 })), async (q, v, op) => {
        const r = await send({ headers: { "content-type": "application/json" }, body: JSON.stringify({ query: q, variables: v, operationName: op ?? undefined }) });
        expect(r.status, `${r.status} for ${JSON.stringify({ q, v, op })}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    await stillUp();
  });

  it("malformed bodies, content types, methods and headers", async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("latin1")),
      fc.constantFrom("", "{", "[]", "null", '{"query": 1}', '{"query": null}', '{"query": "{ __typename }", "variables": "x"}', '{"query": "{ __typename }", "extensions": []}', '[{"query":"{ __typename }"}]'),
    );
    const contentType = fc.constantFrom("application/json", "application/graphql-response+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "", "*/*", "garbage");
    const accept = fc.constantFrom(undefined, "application/json", "application/graphql-response+json", "text/html", "*/*", "nonsense;q=x", "multipart/mixed");
    const auth = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.constantFrom("Bearer ", "Bearer ighub_0000000000000000_" + "A".repeat(43), "Basic x", "bearer x y"));
    const method = fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS");
    const path = fc.constantFrom("/graphql", "/graphql?query=%7B__typename%7D", "/graphql?query=%7B", "/graphql?variables=%7B", "/graphql?query=" + "a".repeat(3000), "/nope", "/%ff", "/graphql/../readyz");
    await fc.assert(
      fc.asyncProperty(method, path, body, contentType, accept, auth, async (m, p, b, ct, acc, a) => {
        const headers: Record<string, string> = {};
        if (ct) headers["content-type"] = ct;
        if (acc) headers.accept = acc;
        // fetch refuses header values with control characters; those never reach a server from it either.
        if (a !== undefined && /^[\x20-\x7e]*$/.test(a)) headers.authorization = a;
        const r = await send({ method: m, path: p, headers, body: m === "GET" ? undefined : b });
        expect(r.status, `${r.status} for ${JSON.stringify({ m, p, b, ct, acc, a })}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    await stillUp();
  });
});

/**
 * Like `selection`, plus what an attacker composes: a field up to three times under aliases, each
 * copy with its own arguments, and object selections sometimes as inline fragments.
 */
function composed(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((fl) => !fl.name.startsWith("_"));
  const one = (fl: (typeof fields)[number]) => {
    const named = getNamedType(fl.type);
    const sub: fc.Arbitrary<string> = isLeafType(named)
      ? fc.constant("")
      : isObjectType(named) && depth > 0
        ? fc.tuple(composed(named, depth - 1), fc.boolean()).map(([s, inline]) => (inline ? ` { ... on ${named.name} { ${s} } }` : ` { ${s} }`))
        : fc.constant(" { __typename }");
    return fc
      .array(fc.tuple(args(fl.args), sub), { minLength: 1, maxLength: 3 })
      .map((copies) => copies.map(([a, s], i) => `${copies.length > 1 ? `${fl.name}_${i}: ` : ""}${fl.name}${a}${s}`).join(" "));
  };
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) }).chain((chosen) => fc.tuple(...chosen.map(one)).map((xs) => xs.join(" ")));
}

describe("the standing attack test: composed queries over the real schema, on the demo data", () => {
  const RUNS_COMPOSED = 150;
  /** Heap growth allowed over the whole run (the hub runs in this process): an answer must not hold hundreds of MB. */
  const HEAP_BOUND = 300 * 1024 * 1024;
  let db: HubDb;
  let hub: Hub;
  beforeAll(async () => {
    db = openDb(":memory:");
    prepareDatabase(db, { seedDemo: true, seed: 1 });
    hub = await createHub({ config: { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent", seedDemo: false }, db });
  });
  afterAll(async () => {
    await hub?.close();
    db?.close();
  });

  it("any field, arguments, aliases, inline and named fragments: never a 5xx, heap growth under 300 MB", async () => {
    const query = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }).chain((d) => composed(schema.getQueryType()!, d)),
        fc.option(fc.integer({ min: 0, max: 2 }).chain((d) => composed(schema.getQueryType()!, d))),
      )
      .map(([main, fragment]) => (fragment === null ? `{ ${main} }` : `query Q { ${main} ...F } fragment F on Query { ${fragment} }`));
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let worst = "";
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await fetch(hub.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json" }, body: JSON.stringify({ query: q }) });
        const text = await res.text();
        expect(res.status, `${res.status} for ${q}: ${text.slice(0, 300)}`).toBeLessThan(500);
        const heap = process.memoryUsage().heapUsed;
        if (heap > peak) [peak, worst] = [heap, q];
        expect(heap - before, `heap grew by ${Math.round((heap - before) / 2 ** 20)} MB after ${q}`).toBeLessThan(HEAP_BOUND);
      }),
      { numRuns: RUNS_COMPOSED },
    );
    expect(peak - before, `peak heap growth ${Math.round((peak - before) / 2 ** 20)} MB, at ${worst}`).toBeLessThan(HEAP_BOUND);
  });
});
