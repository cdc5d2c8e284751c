import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createGateway, parseSupergraphConfig, readSupergraphConfig, SupergraphConfigError } from "../../server/gateway/index.js";
import { tempSupergraphFile } from "./subgraph.helpers.js";

const EXPECTED = 'Expected { "subgraphs": [{ "name": "hub", "url": "http://127.0.0.1:4000/graphql" }] }';

function errorOf(value: unknown): string {
  try {
    parseSupergraphConfig("supergraph.json", value);
  } catch (err) {
    expect(err).toBeInstanceOf(SupergraphConfigError);
    expect((err as SupergraphConfigError).userFacing).toBe(true);
    return (err as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("supergraph configuration file", () => {
  it("accepts a list of named subgraph URLs", () => {
    const value = {
      subgraphs: [
        { name: "hub", url: "http://127.0.0.1:4000/graphql" },
        { name: "isg-adapter", url: "https://isg.example.org/graphql" },
      ],
    };
    expect(parseSupergraphConfig("supergraph.json", value)).toEqual(value);
  });

  it.each([
    [[], `supergraph.json: must be a JSON object. ${EXPECTED}`],
    [{}, `supergraph.json: subgraphs is required: a list of { name, url } objects. ${EXPECTED}`],
    [{ subgraphs: [] }, `supergraph.json: subgraphs must list at least one subgraph. ${EXPECTED}`],
    [{ subgraph: [] }, `supergraph.json: subgraphs is required: a list of { name, url } objects. ${EXPECTED}`],
    [
      { subgraphs: [{ name: "hub", url: "http://127.0.0.1:4000/graphql" }], extra: 1 },
      `supergraph.json: top level unknown key "extra"; expected only "subgraphs". ${EXPECTED}`,
    ],
    [
      { subgraphs: [{ name: "hub", url: "127.0.0.1:4000" }] },
      `supergraph.json: subgraphs[0].url must be an http:// or https:// URL, e.g. "http://127.0.0.1:4000/graphql". ${EXPECTED}`,
    ],
    [
      { subgraphs: [{ name: "hub", url: "http://a/graphql" }, { name: "2nd", url: "http://b/graphql" }] },
      `supergraph.json: subgraphs[1].name must start with a letter and use only letters, digits, "_" or "-", e.g. "hub". ${EXPECTED}`,
    ],
    [{ subgraphs: [{ name: "hub" }] }, `supergraph.json: subgraphs[0].url must be a string such as "http://127.0.0.1:4000/graphql". ${EXPECTED}`],
    [
      { subgraphs: [{ name: "hub", url: "http://a/graphql", routing_url: "x" }] },
      `supergraph.json: subgraphs[0] unknown key "routing_url"; expected only "name" and "url". ${EXPECTED}`,
    ],
    [
      { subgraphs: [{ name: "hub", url: "http://a/graphql" }, { name: "hub", url: "http://b/graphql" }] },
      'supergraph.json: subgraphs[1].name "hub" is listed twice; each subgraph needs its own name',
    ],
  ])("refuses %j with a one-line message", (value, message) => {
    expect(errorOf(value)).toBe(message);
  });

  it("names the file when it is missing or not JSON", () => {
    const f = tempSupergraphFile([]);
    try {
      f.writeRaw("{ subgraphs: }");
      expect(() => readSupergraphConfig(f.path)).toThrow(new RegExp(`^${f.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(`));
      const missing = `${f.dir}/nope.json`;
      expect(() => readSupergraphConfig(missing)).toThrow(`${missing}: file not found. Expected a JSON file like { "subgraphs": [{ "name": "hub", "url": "http://127.0.0.1:4000/graphql" }] }`);
    } finally {
      f.remove();
    }
  });

  it("stops createGateway before it listens", async () => {
    const f = tempSupergraphFile([]);
    try {
      await expect(createGateway({ configPath: f.path, port: 0, host: "127.0.0.1" })).rejects.toThrow(
        `${f.path}: subgraphs must list at least one subgraph. ${EXPECTED}`,
      );
    } finally {
      f.remove();
    }
  });

  it("makes `hub gateway` print one line and exit 2", () => {
    const f = tempSupergraphFile([{ name: "hub", url: "ftp://x" }]);
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "gateway", "--config", f.path, "--port", "0"], {
        encoding: "utf8",
        timeout: 110_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`hub: ${f.path}: subgraphs[0].url must be an http:// or https:// URL, e.g. "http://127.0.0.1:4000/graphql". ${EXPECTED}\n`);
    } finally {
      f.remove();
    }
  }, 120_000);
});
