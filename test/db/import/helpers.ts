import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type HubDb } from "../../../db/connection.js";
import { loadReferenceData } from "../../../db/reference/index.js";

/** A fresh temporary directory for a test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "ighub-io-"));
}

/** Writes `name` in `dir` and returns its path. */
export function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** An in-memory hub database with the reference data loaded. */
export function freshDb(): HubDb {
  const db = openDb(":memory:");
  loadReferenceData(db);
  return db;
}

/** Row counts of every table an import writes. */
export function counts(db: HubDb): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ["initiatives", "initiative_boroughs", "initiative_partners", "initiative_practices", "organisations", "stage_events", "stage_cycles", "borough_signoffs", "audit_log"])
    out[t] = db.sql.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  return out;
}

/** The data tables as rows (for "the database did not change"): everything but the audit trail and meta. */
export function snapshot(db: HubDb): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of ["initiatives", "initiative_boroughs", "initiative_partners", "initiative_practices", "stage_events", "stage_cycles", "borough_signoffs"])
    out[t] = db.sql.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
  return out;
}

// The Met is an observer of I1 (non_signing): its stages wait for the two boroughs alone.
export const INITIATIVES_CSV = `id,title,lead_borough,boroughs,partners,tool,practices,status,created_at,non_signing
I1,"Troubled families, joined up",E09000001,E09000001;E09000002,met-police,isg,common-dpia-template,,2024-01-10,met-police
I2,Second,E09000003,E09000003,,manual,,,2024-02-01,
`;

export const EVENTS_CSV = `initiative_id,stage,borough,kind,at,source,source_ref
I1,IDEA,,SUBMITTED,2024-01-10,isg,e1
I1,IDEA,,APPROVED,2024-01-12T10:00:00Z,isg,e2
I1,DPIA,,SUBMITTED,2024-02-01T09:00:00+00:00,isg,e3
I1,DPIA,E09000001,QUERY_RAISED,2024-02-05T09:00:00Z,isg,e4
I1,DPIA,,RESUBMITTED,2024-02-07T09:00:00Z,isg,e5
I1,DPIA,E09000001,APPROVED,2024-03-01T09:00:00Z,isg,e6
I1,DPIA,E09000002,APPROVED,2024-03-05T09:00:00Z,isg,e7
I2,IDEA,,SUBMITTED,2024-07-01,manual,m1
`;
