import type { HubDb } from "../../db/connection.js";
import { getDatasetKind } from "../../db/meta.js";
import { DatasetKind, type Dataset } from "./dataset.type.js";

const DESCRIPTIONS: Record<DatasetKind, string> = {
  [DatasetKind.EMPTY]: "Reference data only (authorities, tools, features, practices); no initiatives yet.",
  [DatasetKind.DEMO]: "Synthetic demo data generated from a seed: the initiatives, events and IG contacts are not real.",
  [DatasetKind.LARGE]: "The large synthetic data set for benchmarks: the initiatives, events and IG contacts are not real.",
  [DatasetKind.IMPORTED]: "Data imported from IG tools' exports or recorded through the API.",
};

/** Describes the data set the database holds (one indexed read of `meta`). */
export async function describeDataset(db: HubDb): Promise<Dataset> {
  const kind = getDatasetKind(db.sql).toUpperCase() as DatasetKind;
  const known = kind in DESCRIPTIONS ? kind : DatasetKind.IMPORTED;
  return { kind: known, synthetic: known === DatasetKind.DEMO || known === DatasetKind.LARGE, description: DESCRIPTIONS[known] };
}
