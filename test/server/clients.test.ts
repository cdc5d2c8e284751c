import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, fetchExchange } from "@urql/core";
import { GraphQLClient } from "graphql-request";
import { openDb, type HubDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { importFiles } from "../../db/import/import.service.js";
import { createHub, type Hub } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import { CSRF_REFUSAL } from "../../server/security/hub-security.js";
import { loadExamples } from "../../server/playground.js";
import { tempDir } from "../db/import/helpers.js";
import { writeSyntheticCsv } from "../db/import/fixtures.js";

/** The README's analytics queries (the block after "And the analytics an analyst starts from"), one per `# ` comment. */
function readmeAnalyticsQueries(): { title: string; query: string }[] {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = /And the analytics an analyst starts from:\n\n```graphql\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no analytics block");
  return block
    .split(/^# /m)
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const [title, ...rest] = chunk.split("\n");
      return { title: title!, query: rest.join("\n").trim() };
    });
}

const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: "silent" as const, seedDemo: false, allowAnonymousRead: true };
const queries = readmeAnalyticsQueries();
let db: HubDb;
let hub: Hub;
let url: string;
/** Each README query's answer through a plain JSON POST: what every client must get. */
const expected = new Map<string, unknown>();

beforeAll(async () => {
  db = openDb(":memory:");
  loadReferenceData(db);
  const gen = await writeSyntheticCsv(tempDir(), 4000, 11);
  expect((await importFiles(db, { initiatives: gen.initiativesPath, events: gen.eventsPath })).errors).toEqual([]);
  hub = await createHub({ config, db });
  url = new URL("/graphql", hub.url).href;
  expect(new URL(url).hostname).toBe("127.0.0.1");
  for (const { query } of queries) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expected.set(query, body.data);
  }
}, 120_000);
afterAll(async () => {
  await hub?.close();
  db?.close();
});

describe("GraphQL clients with the README's set-up", () => {
  it("finds the README's three analytics queries, each answering with data", () => {
    expect(queries.map((q) => q.title)).toEqual([
      "Where do the months go? Time to approval per stage, working days, ISG against email",
      "Does ISG save time on the DPIA? Difference of medians with a seeded 95% bootstrap interval",
      "LOTI's headline: time saved by ISG against email and documents",
    ]);
    expect(Object.keys(expected.get(queries[0]!.query) as object)).toEqual(["cycleTimes"]);
    expect((expected.get(queries[0]!.query) as { cycleTimes: unknown[] }).cycleTimes.length).toBeGreaterThan(0);
  });

  it("urql with preferGetMethod: false (POST JSON) answers every README query", async () => {
    const client = new Client({ url, exchanges: [fetchExchange], preferGetMethod: false, requestPolicy: "network-only" });
    for (const { query } of queries) {
      const result = await client.query(query, {}).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data).toEqual(expected.get(query));
    }
  });

  it("urql keeping its GET for short queries, with the apollo-require-preflight header, answers every README query", async () => {
    const sent: string[] = [];
    const client = new Client({
      url,
      exchanges: [fetchExchange],
      fetchOptions: { headers: { "apollo-require-preflight": "true" } },
      fetch: (input, init) => (sent.push(init?.method ?? "GET"), fetch(input, init)),
      requestPolicy: "network-only",
    });
    for (const { query } of queries) {
      const result = await client.query(query, {}).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data).toEqual(expected.get(query));
    }
    expect(sent).toEqual(["GET", "GET", "GET"]);
  });

  it("urql with its defaults is refused by CSRF prevention, and the message names the header to send", async () => {
    const client = new Client({ url, exchanges: [fetchExchange], requestPolicy: "network-only" });
    const result = await client.query(queries[1]!.query, {}).toPromise();
    expect(result.data).toBeUndefined();
    expect(result.error?.graphQLErrors.map((e) => ({ message: e.message, code: e.extensions.code }))).toEqual([{ message: CSRF_REFUSAL, code: "BAD_REQUEST" }]);
    expect(CSRF_REFUSAL).toContain("`apollo-require-preflight: true`");
  });

  it("graphql-request with its defaults (POST JSON) answers every README query", async () => {
    const client = new GraphQLClient(url);
    for (const { query } of queries) expect(await client.request(query)).toEqual(expected.get(query));
  });

  it("graphql-request with method GET and the apollo-require-preflight header answers every README query", async () => {
    const client = new GraphQLClient(url, { method: "GET", headers: { "apollo-require-preflight": "true" } });
    for (const { query } of queries) expect(await client.request(query)).toEqual(expected.get(query));
  });

  it("a plain GET without the header gets 400 with the hub's message, not Apollo's", async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: CSRF_REFUSAL, extensions: { code: "BAD_REQUEST" } }] });
  });
});

describe("the playground's analytics examples", () => {
  it("answer on synthetic data without errors, the same as the README's queries where they ask the same", async () => {
    const analytics = loadExamples().slice(0, 4);
    expect(analytics.map((e) => e.name)).toEqual(["01-where-the-months-go", "02-isg-against-email", "03-time-saved", "04-slowest-signers"]);
    const client = new GraphQLClient(url);
    const answers = await Promise.all(analytics.map((e) => client.request<Record<string, unknown>>(e.text)));
    expect(answers.map((a) => Object.keys(a))).toEqual([["cycleTimes"], ["compareCohorts"], ["timeSaved"], ["signOffTimes"]]);
    expect(answers.slice(0, 3)).toEqual(queries.map((q) => expected.get(q.query)));
    const signers = answers[3]!.signOffTimes as { stage: string; borough: string }[];
    expect(signers.length).toBeGreaterThan(0);
    expect(new Set(signers.map((r) => r.stage))).toEqual(new Set(["DPIA"]));
  });
});
