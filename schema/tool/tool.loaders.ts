import DataLoader from "dataloader";
import type { HubDb } from "../../db/connection.js";
import { ToolQueries } from "../../db/queries/index.js";
import { groupInKeyOrder, oneInKeyOrder } from "../common/key-order.js";
import type { Practice } from "./practice.type.js";
import type { ToolAdoption } from "./tool-adoption.type.js";
import type { ToolFeatureSupport } from "./tool-feature-support.type.js";
import type { Tool } from "./tool.type.js";

/** Per-request loaders of the tool domain. */
export interface ToolLoaders {
  /** Tool by slug (null when unknown). */
  bySlug: DataLoader<string, Tool | null>;
  /** Feature support rows by tool slug. */
  support: DataLoader<string, ToolFeatureSupport[]>;
  /** Adoptions by tool slug. */
  adoptionsOfTool: DataLoader<string, ToolAdoption[]>;
  /** Adoptions by borough GSS code. */
  adoptionsByBorough: DataLoader<string, ToolAdoption[]>;
  /** Practice by slug (null when unknown). */
  practiceBySlug: DataLoader<string, Practice | null>;
}

/**
 * Makes the tool loaders for one request: one `WHERE key IN (...)` per batch. Support rows are the
 * graph's type as they are: the level column holds exactly the SupportLevel values.
 */
export function createToolLoaders(db: HubDb): ToolLoaders {
  const q = new ToolQueries(db);
  return {
    bySlug: new DataLoader(async (slugs) => oneInKeyOrder(slugs, q.bySlugs(slugs), (r) => r.slug)),
    support: new DataLoader(async (slugs) => groupInKeyOrder(slugs, q.supportOf(slugs) as ToolFeatureSupport[], (r) => r.toolSlug)),
    adoptionsOfTool: new DataLoader(async (slugs) => groupInKeyOrder(slugs, q.adoptionsOfTools(slugs), (r) => r.toolSlug)),
    adoptionsByBorough: new DataLoader(async (codes) => groupInKeyOrder(codes, q.adoptionsByBoroughs(codes), (r) => r.authorityCode)),
    practiceBySlug: new DataLoader(async (slugs) => oneInKeyOrder(slugs, q.practicesBySlugs(slugs), (r) => r.slug)),
  };
}
