import type { HubDb } from "./connection.js";
import { getDatasetKind } from "./meta.js";

/** What a database holds, as the graph's `DatasetKind` names it. */
export type DatasetKindName = "EMPTY" | "DEMO" | "LARGE" | "IMPORTED";

/** The label every answer from the data carries: what it is and whether it is synthetic. */
export interface DatasetDescription {
  kind: DatasetKindName;
  synthetic: boolean;
  description: string;
}

const DESCRIPTIONS: Record<DatasetKindName, string> = {
  EMPTY: "Reference data only (authorities, tools, features, practices); no initiatives yet.",
  DEMO: "Synthetic demo data generated from a seed: the initiatives, events and IG contacts are not real.",
  LARGE: "The large synthetic data set for benchmarks: the initiatives, events and IG contacts are not real.",
  IMPORTED: "Data imported from IG tools' exports or recorded through the API.",
};

/** Describes the data set the database holds (one indexed read of `meta`). */
export function describeDataset(db: HubDb): DatasetDescription {
  const kind = getDatasetKind(db.sql).toUpperCase() as DatasetKindName;
  const known = kind in DESCRIPTIONS ? kind : "IMPORTED";
  return { kind: known, synthetic: known === "DEMO" || known === "LARGE", description: DESCRIPTIONS[known] };
}
