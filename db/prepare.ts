import type { HubDb } from "./connection.js";
import { getDatasetKind } from "./meta.js";
import { loadReferenceData } from "./reference/index.js";
import { generateSynthetic, SyntheticRefusedError } from "./synthetic/index.js";

/** The seed the demo data set is generated from when none is given. */
export const DEFAULT_DEMO_SEED = 2019;

/**
 * Makes a database ready to serve: loads the reference data (always; idempotent) and, when
 * `seedDemo` is set, the synthetic demo data set — but only into a database that holds no
 * initiatives and whose dataset kind is still `empty`. A database with imported (or any other)
 * data never receives demo data. Reports what it loaded.
 */
export function prepareDatabase(db: HubDb, opts: { seedDemo: boolean; seed?: number }): { loadedReference: boolean; loadedDemo: boolean } {
  const loadedReference = loadReferenceData(db) > 0;
  if (!opts.seedDemo || getDatasetKind(db.sql) !== "empty") return { loadedReference, loadedDemo: false };
  const initiatives = (db.sql.prepare("SELECT count(*) AS n FROM initiatives").get() as { n: number }).n;
  if (initiatives > 0) return { loadedReference, loadedDemo: false };
  try {
    generateSynthetic(db, { size: "demo", seed: opts.seed ?? DEFAULT_DEMO_SEED });
  } catch (err) {
    // Another instance starting on the same empty database seeded it first: nothing left to do.
    if (err instanceof SyntheticRefusedError) return { loadedReference, loadedDemo: false };
    throw err;
  }
  return { loadedReference, loadedDemo: true };
}
