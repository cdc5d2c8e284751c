import DataLoader from "dataloader";
import type { HubDb } from "../../db/connection.js";
import { OrganisationQueries } from "../../db/queries/index.js";
import { oneInKeyOrder } from "../common/key-order.js";
import type { Organisation } from "./organisation.type.js";

/** Per-request loaders of the organisation domain. */
export interface OrganisationLoaders {
  /** Organisation by slug (null when unknown). */
  bySlug: DataLoader<string, Organisation | null>;
}

/** Makes the organisation loaders for one request. */
export function createOrganisationLoaders(db: HubDb): OrganisationLoaders {
  const q = new OrganisationQueries(db);
  return { bySlug: new DataLoader(async (slugs) => oneInKeyOrder(slugs, q.bySlugs(slugs), (r) => r.slug)) };
}
