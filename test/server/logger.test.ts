import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/connection.js";
import { loadReferenceData } from "../../db/reference/index.js";
import { createHub } from "../../server/app.js";
import { ConfigError, loadConfig } from "../../server/config.js";
import { createLogger, type LogDestination } from "../../server/logger.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** A destination that keeps what is written; `isTTY` as a terminal's stdout would say. */
function capture(isTTY = false): LogDestination & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, write: (s: string) => void chunks.push(s), text: () => chunks.join("") };
}

describe("LOG_FORMAT", () => {
  it("is json, pretty, or unset (auto); anything else names the variable", () => {
    expect([loadConfig({ LOG_FORMAT: "json" }).logFormat, loadConfig({ LOG_FORMAT: "pretty" }).logFormat, loadConfig({}).logFormat, loadConfig({ LOG_FORMAT: "" }).logFormat]).toEqual([
      "json",
      "pretty",
      "auto",
      "auto",
    ]);
    expect(() => loadConfig({ LOG_FORMAT: "yaml" })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: "yaml" })).toThrow('LOG_FORMAT: LOG_FORMAT must be json or pretty (unset: pretty on a terminal, JSON lines otherwise) (got "yaml")');
  });

  it("stops the hub with one line naming it", { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "serve", "--port", "0"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, LOG_FORMAT: "JSON" } });
    expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({
      status: 2,
      stderr: 'hub: LOG_FORMAT: LOG_FORMAT must be json or pretty (unset: pretty on a terminal, JSON lines otherwise) (got "JSON")\n',
      stdout: "",
    });
  });
});

describe("createLogger", () => {
  const event = (format: "auto" | "json" | "pretty", isTTY: boolean) => {
    const out = capture(isTTY);
    createLogger({ logLevel: "info", logFormat: format }, out).info({ db: "data/ighub.db", dialect: "sqlite" }, "database ready");
    return out.text();
  };

  it("writes JSON lines when not on a terminal, and when asked for json on one", () => {
    for (const [format, tty] of [["auto", false], ["json", true]] as const) {
      const lines = event(format, tty).split("\n");
      expect(lines).toHaveLength(2);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, name: "ighub", db: "data/ighub.db", dialect: "sqlite", msg: "database ready" });
    }
  });

  it("writes one readable line per event on a terminal, and when asked for pretty elsewhere", () => {
    for (const [format, tty] of [["auto", true], ["pretty", false]] as const) {
      expect(stripVTControlCharacters(event(format, tty))).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: database ready \{"db":"data\/ighub\.db","dialect":"sqlite"\}\n$/);
    }
  });
});

describe("the hub's log at the default level", () => {
  /** Starts and stops a hub logging to a capture at `level`; the messages logged. */
  async function startAndStop(level: "info" | "debug") {
    const out = capture();
    const db = openDb(":memory:");
    loadReferenceData(db);
    const config = { ...loadConfig({}), port: 0, host: "127.0.0.1", dbPath: ":memory:", logLevel: level, logFormat: "json" as const, seedDemo: false };
    const hub = await createHub({ config, db, logger: createLogger(config, out) });
    await hub.close();
    db.close();
    return out
      .text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: number; msg: string; component?: string });
  }

  it("holds the hub's own events only: no Apollo notice (inline tracing), no third-party noise", async () => {
    expect((await startAndStop("info")).map((l) => l.msg)).toEqual(["hub stopped"]);
  });

  it("keeps Apollo's notice at debug, marked as Apollo's", async () => {
    const apollo = (await startAndStop("debug")).filter((l) => l.component === "apollo");
    expect(apollo).toEqual([expect.objectContaining({ level: 20, msg: "Enabling inline tracing for this subgraph. To disable, use ApolloServerPluginInlineTraceDisabled." })]);
  });
});
