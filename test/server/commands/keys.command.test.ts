import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Command } from "commander";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../../db/connection.js";
import { lookupApiKey } from "../../../db/keys.js";
import { registerKeysCommand } from "../../../server/commands/keys.command.js";
import { commands } from "../../../server/commands/index.js";

let dir: string;
let dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ighub-keys-"));
  dbPath = join(dir, "hub.db");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hub keys ...` in process (the same registration the CLI uses) and returns what it printed. */
async function hub(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerKeysCommand(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    await program.parseAsync(["node", "hub", "keys", ...args, "--db", dbPath]);
  } finally {
    log.mockRestore();
  }
  return lines.join("\n");
}

describe("npm run hub -- keys", () => {
  it("is registered on the CLI", () => {
    expect(commands).toContain(registerKeysCommand);
  });

  it("creates a key (secret printed once), lists it without the secret, revokes it", async () => {
    const created = await hub("create", "--role", "editor", "--borough", "E09000007", "--borough", "E09000012", "--name", "Camden IG");
    const secret = /^secret: (ighub_[0-9a-f]{16}_\S{43})$/m.exec(created)?.[1];
    expect(secret).toBeDefined();
    const id = secret!.slice(6, 22);

    const listed = await hub("list", "--json");
    expect(JSON.parse(listed)).toEqual([{ id, name: "Camden IG", role: "editor", boroughs: ["E09000007", "E09000012"], createdAt: expect.any(Number), revokedAt: null }]);
    expect(listed).not.toContain(secret!.slice(23));
    expect(await hub("list")).not.toContain(secret!.slice(23));

    expect(await hub("revoke", id)).toMatch(new RegExp(`^${id}  editor  revoked `));
    const db = openDb(dbPath);
    expect((await lookupApiKey(db, secret!)).status).toBe("revoked");
    db.close();
  });

  it("refuses bad input with a user-facing error (the CLI prints it on one line, exit 2)", async () => {
    await expect(hub("create", "--role", "editor", "--name", "x")).rejects.toMatchObject({
      userFacing: true,
      message: "an editor key needs at least one --borough (a GSS code such as E09000007)",
    });
    await expect(hub("revoke", "0000000000000000")).rejects.toMatchObject({ userFacing: true });
  });
});
