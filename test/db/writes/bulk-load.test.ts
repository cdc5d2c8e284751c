import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDb, type HubDb } from "../../../db/connection.js";
import { importFiles } from "../../../db/import/import.service.js";
import { loadReferenceData } from "../../../db/reference/index.js";
import { onPostgres } from "../../db-target.js";
import { EVENTS_CSV, INITIATIVES_CSV, file, tempDir } from "../import/helpers.js";
import { writeSyntheticCsv } from "../import/fixtures.js";

const NOW = Date.UTC(2025, 0, 1);

function indexes(db: HubDb): string[] {
  if (!db.sqlite) return [];
  return db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];
}

/** Everything an import writes, each table ordered by its key; events by (source, source_ref), as their ids follow the file's order. */
function content(db: HubDb): Record<string, unknown[]> {
  const keys: Record<string, string> = {
    initiatives: "id",
    initiative_boroughs: "initiative_id, authority_code",
    initiative_partners: "initiative_id, organisation_slug",
    initiative_practices: "initiative_id, practice_slug",
    stage_cycles: "initiative_id, stage",
    borough_signoffs: "initiative_id, stage, authority_code",
  };
  const out: Record<string, unknown[]> = {};
  for (const [t, key] of Object.entries(keys)) out[t] = db.sql.prepare(`SELECT * FROM ${t} ORDER BY ${key}`).all();
  out.stage_events = db.sql.prepare("SELECT initiative_id, stage, authority_code, kind, at, source, source_ref, recorded_at, recorded_by FROM stage_events ORDER BY source, source_ref").all();
  return out;
}

describe("bulk import settings (db/writes/bulk-load.ts)", () => {
  it("events in any order give the same database as events grouped by initiative (the index kept live is rebuilt when the order breaks)", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const files = await writeSyntheticCsv(dir, 4000, 7);
    const [header, ...rows] = readFileSync(files.eventsPath, "utf8").trimEnd().split("\n");
    const reversed = join(dir, "reversed.csv");
    writeFileSync(reversed, `${header}\n${rows.reverse().join("\n")}\n`);

    const results: { content: Record<string, unknown[]>; indexes: string[] }[] = [];
    for (const [name, events] of [["ordered", files.eventsPath], ["reversed", reversed]] as const) {
      const db = openDb(join(dir, `${name}.db`));
      loadReferenceData(db);
      const before = indexes(db);
      const r = await importFiles(db, { initiatives: files.initiativesPath, events, actor: "import:test", now: () => NOW });
      expect(r.errors).toEqual([]);
      expect(r.eventsAdded).toBe(files.events);
      expect(indexes(db)).toEqual(before);
      if (db.sqlite) expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      results.push({ content: content(db), indexes: indexes(db) });
      db.close();
    }
    expect(results[1]!.content).toEqual(results[0]!.content);
  });

  // Journal modes are SQLite's; PostgreSQL has its own write-ahead log and nothing to switch.
  it.skipIf(onPostgres)("imports under a rollback journal when it has the file to itself, keeps the WAL when another connection has it open, and leaves WAL mode after", async () => {
    const dir = tempDir();
    const path = join(dir, "hub.db");
    const db = openDb(path);
    loadReferenceData(db);
    const modes: string[] = [];
    const progress = () => modes.push(db.sqlite!.pragma("journal_mode", { simple: true }) as string);
    const first = await importFiles(db, { initiatives: file(dir, "i.csv", INITIATIVES_CSV), onProgress: progress });
    expect(first.committed).toBe(true);
    expect(new Set(modes)).toEqual(new Set(["delete"]));
    expect(db.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");

    const reader = openDb(path);
    modes.length = 0;
    const second = await importFiles(db, { events: file(dir, "e.csv", EVENTS_CSV), onProgress: progress });
    expect(second.committed).toBe(true);
    expect(new Set(modes)).toEqual(new Set(["wal"]));
    expect(reader.sql.prepare("SELECT COUNT(*) FROM stage_events").pluck().get()).toBe(8);
    reader.close();
    expect(db.sqlite!.pragma("journal_mode", { simple: true })).toBe("wal");
    // The settings of the import are put back.
    expect(db.sqlite!.pragma("temp_store", { simple: true })).toBe(0);
    db.close();
  });
});
