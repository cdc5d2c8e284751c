import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, LIMIT_VARIABLES, loadConfig } from "../../../server/config.js";
import { DEFAULT_LIMITS } from "../../../server/security/limits.js";
import { gql, securityHub } from "./fixture.js";

describe("limits from the environment (IGHUB_LIMIT_*)", () => {
  const refusal = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env);
    } catch (err) {
      return err as ConfigError;
    }
    throw new Error("no error");
  };

  it("reads each limit of the README's table from its variable, and leaves the others to their defaults", () => {
    expect(loadConfig({}).limits).toEqual({});
    const env = Object.fromEntries(Object.keys(LIMIT_VARIABLES).map((name, i) => [name, String(100 + i)]));
    expect(loadConfig(env).limits).toEqual({
      maxDepth: 100,
      maxIntrospectionDepth: 101,
      maxAliases: 102,
      maxDirectives: 103,
      maxTokens: 104,
      maxCost: 105,
      maxBodyBytes: 106,
      maxResponseBytes: 107,
      costPerMinute: 108,
      timeLimitMs: 109,
      heavyConcurrency: 110,
      heavyQueue: 111,
      exportCost: 112,
    });
    expect(loadConfig({ IGHUB_LIMIT_COST_PER_MINUTE: "0" }).limits).toEqual({ costPerMinute: 0 }); // 0 turns the rate limit off
    // Every limit with a number in DEFAULT_LIMITS has a variable, except the page sizes the schema itself enforces.
    const settable = new Set(Object.values(LIMIT_VARIABLES).map((v) => v.limit));
    expect(Object.keys(DEFAULT_LIMITS).filter((k) => !settable.has(k as never))).toEqual(["defaultPageSize", "maxPageSize"]);
  });

  it("refuses a bad value with one line naming the variable", () => {
    for (const [value, name] of [
      ["ten", "IGHUB_LIMIT_DEPTH"],
      ["-1", "IGHUB_LIMIT_ALIASES"],
      ["1.5", "IGHUB_LIMIT_COST"],
      ["1e6", "IGHUB_LIMIT_BODY_BYTES"],
      ["", "IGHUB_LIMIT_TIME_MS"],
      ["0", "IGHUB_LIMIT_TIME_MS"],
    ] as const) {
      const e = refusal({ [name]: value });
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.setting).toBe(name);
      const min = LIMIT_VARIABLES[name].min;
      expect(e.message).toBe(`${name}: ${name} must be a whole number of at least ${min} (got ${JSON.stringify(value)})`);
      expect(e.message).not.toContain("\n");
    }
  });

  it("applies the variables to the hub (createHub passes config.limits to createSecurity)", async () => {
    const { limits } = loadConfig({ IGHUB_LIMIT_ALIASES: "2" });
    const f = await securityHub({ limits });
    try {
      expect((await gql(f.hub.url, "{ a: __typename b: __typename }")).json).toEqual({ data: { a: "Query", b: "Query" } });
      const refused = await gql(f.hub.url, "{ a: __typename b: __typename c: __typename }");
      expect(refused.json.errors?.map((e) => [e.extensions?.code, e.extensions?.limit])).toEqual([["ALIAS_LIMIT_EXCEEDED", 2]]);
    } finally {
      await f.close();
    }
  });

  it("stops `hub serve` with exit code 2 and one line naming the variable", { timeout: 120_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "", IGHUB_SEED_DEMO: "false", IGHUB_DB: ":memory:", IGHUB_LIMIT_COST: "lots" };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", "--port", "0"], { cwd: resolve(import.meta.dirname, "../../.."), env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect({ code, stderr: stderr.trim() }).toEqual({ code: 2, stderr: 'hub: IGHUB_LIMIT_COST: IGHUB_LIMIT_COST must be a whole number of at least 1 (got "lots")' });
  });
});
