import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import type { Hub, HubOptions } from "../../server/app.js";
import { setMeta } from "../../db/meta.js";
import { createLogger } from "../../server/logger.js";
import { createSecurity, type SecurityOptions } from "../../server/security/hub-security.js";
import { CAMDEN, OWN_CONNECTION, securityHub } from "./security/fixture.js";

/**
 * The fast path (server/fast-path.ts) against Apollo's pipeline: two hubs on databases of the same
 * content (securityHub's), alike but for `fastPath: false` on one, get the same requests in the
 * same order, and every answer must match: status, headers (but the date) and body bytes; then
 * their Prometheus request and error series and their request log lines. A count of the fast hub's
 * calls into Apollo shows which requests the fast path answered.
 */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function pair(security: () => SecurityOptions, options: Partial<HubOptions> = {}, synthetic = false) {
  const securities = [createSecurity(security()), createSecurity(security())] as const;
  // Each hub's log lines at debug (the request lines), as JSON.
  const logs: Record<string, unknown>[][] = [[], []];
  const loggers = logs.map((lines) => createLogger({ logLevel: "debug", logFormat: "json" }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
  const fast = await securityHub({}, { ...options, security: securities[0], logger: loggers[0] });
  if (synthetic) setMeta(fast.db.sql, "dataset", "demo");
  const slow = await securityHub({}, { ...options, security: securities[1], logger: loggers[1], fastPath: false });
  if (synthetic) setMeta(slow.db.sql, "dataset", "demo");
  let viaApollo = 0;
  const execute = fast.hub.apollo.executeHTTPGraphQLRequest.bind(fast.hub.apollo);
  fast.hub.apollo.executeHTTPGraphQLRequest = (args) => {
    viaApollo++;
    return execute(args);
  };
  const keys = { camden: [fast.keys.camden.secret, slow.keys.camden.secret], viewer: [fast.keys.viewer.secret, slow.keys.viewer.secret] } as const;
  /** Sends one request to both hubs; returns the answer (both alike) and whether Apollo answered the fast hub's. */
  const send = async (body: unknown, opts: { key?: keyof typeof keys | "bad"; accept?: string | null; method?: "GET"; search?: string; headers?: Record<string, string> } = {}) => {
    const answers = [];
    for (const [i, { hub }] of [fast, slow].entries()) {
      const headers: Record<string, string> = { ...OWN_CONNECTION, ...(opts.method ? {} : { "content-type": "application/json" }), ...opts.headers };
      if (opts.accept !== null) headers.accept = opts.accept ?? "application/graphql-response+json, application/json";
      if (opts.key) headers.authorization = `Bearer ${opts.key === "bad" ? "ighub_nope_nope" : keys[opts.key][i]}`;
      const before = viaApollo;
      const res = opts.method
        ? await fetch(`${hub.url}?${opts.search}`, { headers })
        : await fetch(hub.url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
      const shown: [string, string][] = [];
      res.headers.forEach((value, name) => name !== "date" && shown.push([name, value]));
      shown.sort();
      // Each hub made its own keys: their ids (in rate-limit messages) become the role's name.
      let text = await res.text();
      for (const [role, made] of Object.entries([fast, slow][i]!.keys)) text = text.replaceAll(made.id, `<${role} key>`);
      answers.push({ status: res.status, headers: shown, body: text, apollo: viaApollo > before });
    }
    const [f, s] = answers as [(typeof answers)[0], (typeof answers)[0]];
    expect({ status: f.status, headers: f.headers, body: f.body }).toEqual({ status: s.status, headers: s.headers, body: s.body });
    return { status: f.status, headers: Object.fromEntries(f.headers), json: JSON.parse(f.body), apollo: f.apollo };
  };
  const series = async (hub: Hub) =>
    (await (await fetch(hub.url.replace(/\/graphql$/, "/metrics"), { headers: OWN_CONNECTION })).text())
      .split("\n")
      .filter((line) => /^ighub_(graphql_requests_total|graphql_errors_total|rate_limited_total|graphql_request_duration_seconds_count)/.test(line))
      .sort();
  const sameMetrics = async () => {
    expect(await series(fast.hub)).toEqual(await series(slow.hub));
    // The same request lines (but their times), and no key or personal data in any line.
    const requestLines = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === "request").map(({ method, url, status }) => ({ method, url, status }));
    expect(requestLines(logs[0]!).length).toBeGreaterThan(0);
    expect(requestLines(logs[0]!)).toEqual(requestLines(logs[1]!));
    for (const [i, hub] of [fast, slow].entries()) {
      const text = JSON.stringify(logs[i]);
      for (const made of Object.values(hub.keys)) expect(text).not.toContain(made.secret);
      expect(text).not.toContain("ada@camden.example");
    }
  };
  const close = async () => {
    await fast.close();
    await slow.close();
  };
  closers.push(close);
  return { send, sameMetrics, close, securities };
}

const BOROUGHS = "query Boroughs($n: Int!) { boroughs(first: $n) { totalCount edges { node { code name } } } }";

describe("the fast path answers as Apollo's pipeline does", () => {
  it("a query sent again: the same bytes, content type per Accept header, Apollo only for the first sight and each new Accept", async () => {
    const { send, sameMetrics } = await pair(() => ({ production: false }));
    const runs = [];
    for (const accept of ["application/graphql-response+json, application/json", "application/json", "application/graphql-response+json", "*/*", "application/json;q=0.5, application/graphql-response+json"]) {
      for (let run = 0; run < 3; run++) {
        const r = await send({ query: BOROUGHS, variables: { n: 2 }, operationName: "Boroughs" }, { accept });
        runs.push([accept, r.status, r.headers["content-type"], r.apollo]);
        expect(r.json).toEqual({ data: { boroughs: { totalCount: 33, edges: [{ node: { code: "E09000001", name: "City of London" } }, { node: { code: "E09000002", name: "Barking and Dagenham" } }] } } });
      }
    }
    const gqlType = "application/graphql-response+json; charset=utf-8";
    const jsonType = "application/json; charset=utf-8";
    expect(runs).toEqual([
      ["application/graphql-response+json, application/json", 200, gqlType, true],
      ["application/graphql-response+json, application/json", 200, gqlType, false],
      ["application/graphql-response+json, application/json", 200, gqlType, false],
      // A new Accept header: Apollo once, for its content type.
      ["application/json", 200, jsonType, true],
      ["application/json", 200, jsonType, false],
      ["application/json", 200, jsonType, false],
      ["application/graphql-response+json", 200, gqlType, true],
      ["application/graphql-response+json", 200, gqlType, false],
      ["application/graphql-response+json", 200, gqlType, false],
      ["*/*", 200, jsonType, true],
      ["*/*", 200, jsonType, false],
      ["*/*", 200, jsonType, false],
      ["application/json;q=0.5, application/graphql-response+json", 200, gqlType, true],
      ["application/json;q=0.5, application/graphql-response+json", 200, gqlType, false],
      ["application/json;q=0.5, application/graphql-response+json", 200, gqlType, false],
    ]);
    await sameMetrics();
  });

  it("a GET with a preflight header: as a POST; without one, or with a content type or extensions, Apollo's answer", async () => {
    const { send, sameMetrics } = await pair(() => ({ production: false }));
    const search = (params: Record<string, string>) => new URLSearchParams(params).toString();
    const asked = { query: BOROUGHS, variables: JSON.stringify({ n: 1 }), operationName: "Boroughs" };
    const preflight = { "apollo-require-preflight": "true" };
    const seen = [];
    for (const [what, params, headers] of [
      ["GET", asked, preflight],
      ["GET", asked, preflight],
      ["GET, the operation name header", asked, { "x-apollo-operation-name": "Boroughs" }],
      ["GET without a preflight header", asked, {}],
      ["GET with a content type", asked, { ...preflight, "content-type": "text/plain" }],
      ["GET with extensions", { ...asked, extensions: "{}" }, preflight],
      ["GET with variables not an object", { ...asked, variables: "[1]" }, preflight],
      ["GET with variables not JSON", { ...asked, variables: "{n: 1}" }, preflight],
      ["GET", { ...asked, variables: JSON.stringify({ n: 3 }) }, preflight],
    ] as const) {
      const r = await send(undefined, { method: "GET", search: search(params), headers });
      seen.push([what, r.status, r.json.errors?.[0]?.extensions.code ?? r.json.data.boroughs.edges.length, r.apollo]);
    }
    expect(seen).toEqual([
      ["GET", 200, 1, true],
      ["GET", 200, 1, false],
      ["GET, the operation name header", 200, 1, false],
      ["GET without a preflight header", 400, "BAD_REQUEST", true],
      ["GET with a content type", 415, "BAD_REQUEST", true], // Apollo: a GET's content type may only be application/json
      ["GET with extensions", 200, 1, true],
      ["GET with variables not an object", 400, "BAD_REQUEST", true],
      ["GET with variables not JSON", 400, "BAD_REQUEST", true],
      ["GET", 200, 3, false],
    ]);
    await sameMetrics();
  });

  it("the viewer from the key on every request: refused keys, FORBIDDEN fields (Apollo answers errors), allowed ones", async () => {
    const { send, sameMetrics } = await pair(() => ({ production: true, limits: { costPerMinute: 0 } }));
    const query = `{ borough(code: "${CAMDEN}") { igContacts { role name email } } }`;
    const seen = [];
    for (const key of [undefined, "camden", "camden", undefined, "bad", "camden", "viewer", "camden"] as const) {
      const r = await send({ query }, { key });
      seen.push([key ?? "anonymous", r.status, r.json.errors?.map((e: { extensions: { code: string } }) => e.extensions.code)[0] ?? r.json.data.borough.igContacts[0].email, r.apollo]);
    }
    expect(seen).toEqual([
      ["anonymous", 200, "FORBIDDEN", true],
      // Apollo's first answer (200) taught the fast path the Accept header's content type.
      ["camden", 200, "ada@camden.example", false],
      ["camden", 200, "ada@camden.example", false],
      ["anonymous", 200, "FORBIDDEN", true],
      ["bad", 401, "UNAUTHENTICATED", true],
      ["camden", 200, "ada@camden.example", false],
      ["viewer", 200, "FORBIDDEN", true],
      ["camden", 200, "ada@camden.example", false],
    ]);
    await sameMetrics();
  });

  it("the cost with each request's variables against the cost limit and the per-key budget (429, Retry-After), charged once", async () => {
    // The clock stands still: the budget of 1,000 a minute does not refill. Both queries cost 1 + 5n
    // (a connection of n edges, 5 fields under each); 1 + 5 × 100 = 501 > maxCost 400.
    const { send, sameMetrics } = await pair(() => ({ production: false, now: () => 5_000_000, limits: { costPerMinute: 1000, maxCost: 400 } }));
    const contacts = "query Contacts($n: Int!) { boroughs(first: $n) { edges { node { code igContacts { email } } } } }";
    const seen = [];
    for (const [query, n, key] of [
      [BOROUGHS, 2, "viewer"],
      [BOROUGHS, 2, "viewer"],
      [BOROUGHS, 100, "viewer"],
      [contacts, 60, "viewer"],
      [contacts, 60, "viewer"],
      [BOROUGHS, 60, "viewer"],
      [BOROUGHS, 10, "viewer"],
      [BOROUGHS, 10, "viewer"],
      [BOROUGHS, 10, "camden"],
      [BOROUGHS, 2, "viewer"],
    ] as const) {
      const r = await send({ query, variables: { n } }, { key });
      seen.push([n, key, r.status, r.json.errors?.[0]?.extensions.code ?? "ok", r.headers["retry-after"], r.apollo]);
    }
    expect(seen).toEqual([
      [2, "viewer", 200, "ok", undefined, true], // 11 spent
      [2, "viewer", 200, "ok", undefined, false], // 22
      [100, "viewer", 400, "COST_LIMIT_EXCEEDED", undefined, true], // refused before the budget
      [60, "viewer", 200, "FORBIDDEN", undefined, true], // 323: e-mails are not the viewer's to read
      // The fast path ran it, found errors, refunded its charge and gave it to Apollo, which charged it: 624.
      [60, "viewer", 200, "FORBIDDEN", undefined, true],
      [60, "viewer", 200, "ok", undefined, false], // 925 (charged twice above, this would be refused)
      [10, "viewer", 200, "ok", undefined, false], // 976
      [10, "viewer", 429, "RATE_LIMITED", "2", true], // 51 > 24 left: (51 - 24) / 1000 a minute = 1.6 s
      [10, "camden", 200, "ok", undefined, false], // a budget of its own
      [2, "viewer", 200, "ok", undefined, false], // 987
    ]);
    await sameMetrics();
  });

  it("an analytics query takes a heavy-work slot and gives it back; a full queue is refused (503, Retry-After)", async () => {
    const { send, sameMetrics, securities } = await pair(() => ({ production: false, limits: { heavyConcurrency: 1, heavyQueue: 0 } }));
    const query = "query Cycles { cycleTimes { stage count } }";
    const seen: unknown[][] = [];
    const ask = async () => {
      const r = await send({ query }, { key: "viewer" });
      seen.push([r.status, r.json.errors?.[0]?.extensions.code ?? `${r.json.data.cycleTimes.length} groups`, r.headers["retry-after"], r.apollo]);
    };
    // One slot and no queue: a slot kept by the fast path would refuse every later request.
    for (let i = 0; i < 4; i++) await ask();
    // Another heavy operation (an export) holds the one slot on both hubs.
    const held = await Promise.all(securities.map((s) => s.heavyWork.acquire()!));
    await ask();
    for (const release of held) release();
    await ask();
    expect(securities.map((s) => s.heavyWork.load)).toEqual([{ running: 0, waiting: 0 }, { running: 0, waiting: 0 }]);
    expect(seen).toEqual([
      [200, "0 groups", undefined, true],
      [200, "0 groups", undefined, false],
      [200, "0 groups", undefined, false],
      [200, "0 groups", undefined, false],
      [503, "SERVER_BUSY", "2", true],
      [200, "0 groups", undefined, false],
    ]);
    await sameMetrics();
  });

  it("errors from resolvers (Apollo words, codes and hides them) and the time limit's one answer, on a synthetic dataset's answers", async () => {
    let clock = 0;
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: "Query",
        fields: {
          hello: { type: GraphQLString, args: { name: { type: new GraphQLNonNull(GraphQLString) } }, resolve: (_s, { name }) => `hi ${name}` },
          slow: { type: GraphQLString, args: { ms: { type: GraphQLInt } }, resolve: (_s, { ms }) => ((clock += ms ?? 0), "done") },
          boom: { type: GraphQLString, args: { code: { type: GraphQLString } }, resolve: (_s, { code }) => { throw code ? new GraphQLError("refused", { extensions: { code } }) : new Error("secret internals"); } },
        },
      }),
    });
    const { send, sameMetrics } = await pair(() => ({ production: true, now: () => clock, limits: { timeLimitMs: 1000 } }), { schema }, true);
    const seen = [];
    const requests: [unknown, string][] = [
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Ada" } }, "ok"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Bo" } }, "ok"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: 3 } }, "bad variable"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: {} }, "missing variable"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Cy" }, operationName: "Other" }, "unknown operation"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Cy" }, operationName: "" }, "empty operation name"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Cy" }, operationName: null }, "null operation name"],
      [{ query: "query Slow($ms: Int) { slow(ms: $ms) }", variables: { ms: 10 } }, "within the budget"],
      [{ query: "query Slow($ms: Int) { slow(ms: $ms) }", variables: { ms: 5000 } }, "past the budget"],
      [{ query: "query Slow($ms: Int) { slow(ms: $ms) }", variables: { ms: 5000 } }, "past the budget"],
      [{ query: "query Slow($ms: Int) { slow(ms: $ms) }", variables: { ms: 10 } }, "within the budget"],
      [{ query: "{ boom }" }, "internal error"],
      [{ query: "{ boom }" }, "internal error"],
      [{ query: "query Boom($code: String) { boom(code: $code) }", variables: { code: "FORBIDDEN" } }, "coded error"],
      [{ query: "query Boom($code: String) { boom(code: $code) }", variables: { code: "FORBIDDEN" } }, "coded error"],
      [{ query: "{ __typename hello(name: \"x\") }" }, "introspection field"],
      [{ query: "{ __typename hello(name: \"x\") }" }, "introspection field"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Di" }, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, "APQ extension"],
      [[{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Ed" } }], "batch"],
      [{ query: "mutation { hello }" }, "a mutation (this schema has none)"],
      // Over 100,000 characters (comments are not tokens): not remembered, Apollo every time.
      [{ query: `# ${"padding ".repeat(12_500)}\n{ hello(name: "long") }` }, "a long text"],
      [{ query: `# ${"padding ".repeat(12_500)}\n{ hello(name: "long") }` }, "a long text"],
      [{ query: "query Hello($name: String!) { hello(name: $name) }", variables: { name: "Fay" } }, "ok"],
    ];
    for (const [body, what] of requests) {
      const r = await send(body, { accept: "application/json" });
      seen.push([what, r.status, r.json.errors?.map((e: { extensions: { code: string } }) => e.extensions.code).join() ?? JSON.stringify(r.json.data), r.json.extensions?.dataset?.synthetic ?? null, r.apollo]);
    }
    expect(seen).toEqual([
      ["ok", 200, '{"hello":"hi Ada"}', true, true],
      ["ok", 200, '{"hello":"hi Bo"}', true, false],
      ["bad variable", 200, "BAD_USER_INPUT", true, true],
      ["missing variable", 200, "BAD_USER_INPUT", true, true],
      ["unknown operation", 400, "OPERATION_RESOLUTION_FAILURE", true, true],
      ["empty operation name", 400, "OPERATION_RESOLUTION_FAILURE", true, true], // graphql-js: no operation is named ""
      ["null operation name", 200, '{"hello":"hi Cy"}', true, false],
      ["within the budget", 200, '{"slow":"done"}', true, true],
      ["past the budget", 200, "TIME_LIMIT_EXCEEDED", true, false],
      ["past the budget", 200, "TIME_LIMIT_EXCEEDED", true, false],
      ["within the budget", 200, '{"slow":"done"}', true, false],
      ["internal error", 200, "INTERNAL_SERVER_ERROR", true, true],
      ["internal error", 200, "INTERNAL_SERVER_ERROR", true, true],
      ["coded error", 200, "FORBIDDEN", true, true],
      ["coded error", 200, "FORBIDDEN", true, true],
      ["introspection field", 200, '{"__typename":"Query","hello":"hi x"}', true, true],
      ["introspection field", 200, '{"__typename":"Query","hello":"hi x"}', true, true],
      // Apollo's answer to a hash that is not the query's: an error without a code, so hidden in production.
      ["APQ extension", 400, "INTERNAL_SERVER_ERROR", true, true],
      ["batch", 400, "BATCHING_DISABLED", null, true],
      // graphql-js finds the missing mutation type at execution, not validation.
      ["a mutation (this schema has none)", 200, "INTERNAL_SERVER_ERROR", true, true],
      ["a long text", 200, '{"hello":"hi long"}', true, true],
      ["a long text", 200, '{"hello":"hi long"}', true, true],
      ["ok", 200, '{"hello":"hi Fay"}', true, false],
    ]);
    await sameMetrics();
  });
});
