import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Command } from "commander";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { importFiles } from "../../../db/import/import.service.js";
import { registerExportCommand } from "../../../server/commands/export.command.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, tempDir } from "../../db/import/helpers.js";

let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = tempDir();
  dbPath = join(dir, "hub.db");
  const db = openDb(dbPath);
  loadReferenceData(db);
  await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), events: file(dir, "e.csv", EVENTS_CSV) });
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hub export ...` in process (the registration the CLI uses); what it printed, or the error it threw. */
async function hub(...args: string[]): Promise<{ printed: string; error: (Error & { userFacing?: boolean }) | null }> {
  const program = new Command().exitOverride();
  registerExportCommand(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    await program.parseAsync(["node", "hub", "export", ...args, "--db", dbPath]);
    return { printed: lines.join("\n"), error: null };
  } catch (err) {
    return { printed: lines.join("\n"), error: err as Error };
  } finally {
    log.mockRestore();
  }
}

describe("npm run hub -- export", () => {
  it("refuses an unknown tool, borough or stage (wrong case included) against its own option, writing nothing", async () => {
    const out = join(dir, "refused.csv");
    const tools = await hub("--events", out, "--tools", "isg,ISG");
    expect(tools.error?.userFacing).toBe(true);
    expect(tools.error?.message).toMatch(/^--tools: unknown tool "ISG"; expected one of: ecins, flowz, icase, isg, manual, onelondon, weisf$/);
    expect((await hub("--events", out, "--boroughs", "e09000007")).error?.message).toMatch(/^--boroughs: unknown borough \(GSS code\) "e09000007"; expected one of: E09000001, /);
    expect((await hub("--events", out, "--stages", "dpia")).error?.message).toMatch(/^--stages: unknown stage "dpia"; expected one of: IDEA, /);
    expect((await hub("--events", out, "--created-from", "2024-13-01")).error?.message).toBe('--created-from: expected a date YYYY-MM-DD, got "2024-13-01"');
    expect(existsSync(out)).toBe(false);
  });

  it("writes Excel's CSV with --excel", async () => {
    const out = join(dir, "excel.csv");
    const run = await hub("--initiatives", out, "--tools", "manual", "--excel");
    expect(run).toEqual({ printed: `1 initiatives written to ${out}`, error: null });
    expect(readFileSync(out, "utf8")).toBe("\uFEFFid,title,lead_borough,boroughs,partners,tool,practices,status,created_at,purpose,non_signing\r\nI2,Second,E09000003,E09000003,,manual,,ACTIVE,2024-02-01,,\r\n");
    expect((await hub("--events", join(dir, "x.xes"), "--format", "xes", "--excel")).error?.message).toMatch(/^--excel applies to the CSV exports only/);
  });
});
