/**
 * What the data-quality view (db/mapping/ingest-run.ts) adds to an import: `hub import` now reads
 * the run's committed events once more for its corrections and warnings. Generates synthetic
 * canonical CSV (labelled synthetic by the fixture), imports it into an empty temporary database
 * (the reference, timed), then times the run's quality read, and prints both side by side with
 * their ratio and the load average.
 *
 *   npx tsx bench/ingest-run.bench.ts [events]   (default 200 000)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/connection.js";
import { importFiles } from "../db/import/import.service.js";
import { dpoReviewStagesOf } from "../db/mapping/ingest-run.js";
import { PRESETS, loadPreset } from "../db/mapping/index.js";
import { IngestRunQueries } from "../db/queries/ingest-run.queries.js";
import { writeSyntheticCsv } from "../test/db/import/fixtures.js";

const total = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), "ighub-run-bench-"));
try {
  const files = await writeSyntheticCsv(dir, total, 42);
  const db = openDb(join(dir, "bench.db"));
  const loadBefore = loadavg()[0]!.toFixed(1);
  const t0 = performance.now();
  const r = await importFiles(db, { initiatives: files.initiativesPath, events: files.eventsPath, actor: "bench" });
  const t1 = performance.now();
  if (!r.committed) throw new Error(`bench import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
  const stages = dpoReviewStagesOf(PRESETS.map((p) => loadPreset(p)));
  const t2 = performance.now();
  const q = new IngestRunQueries(db).quality(0, "bench", Date.now(), stages);
  const t3 = performance.now();
  db.close();
  const importS = (t1 - t0) / 1000;
  const qualityS = (t3 - t2) / 1000;
  console.log(`synthetic data: ${r.eventsAdded.toLocaleString("en-GB")} events, ${r.initiativesCreated.toLocaleString("en-GB")} initiatives`);
  console.log(`import (reference)  ${importS.toFixed(2)} s`);
  console.log(`quality read        ${qualityS.toFixed(2)} s   = ${((qualityS / importS) * 100).toFixed(1)}% of the import (${q.warnings.toLocaleString("en-GB")} warnings, ${q.corrections} corrections)`);
  console.log(`load average ${loadBefore} before, ${loadavg()[0]!.toFixed(1)} after, on ${availableParallelism()} cores`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
