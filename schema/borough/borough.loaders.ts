import DataLoader from "dataloader";
import type { HubDb } from "../../db/connection.js";
import { BoroughQueries } from "../../db/queries/index.js";
import { groupInKeyOrder, oneInKeyOrder } from "../common/key-order.js";
import type { Borough } from "./borough.type.js";
import type { IgContact } from "./ig-contact.type.js";

/** Per-request loaders of the borough domain. */
export interface BoroughLoaders {
  /** Authority by GSS code (null when unknown). */
  byCode: DataLoader<string, Borough | null>;
  /** IG contacts by GSS code. */
  contacts: DataLoader<string, IgContact[]>;
}

/**
 * Makes the borough loaders for one request: one `WHERE code IN (...)` per batch. Rows are the
 * graph's types as they are: the enum columns hold exactly the enums' values.
 */
export function createBoroughLoaders(db: HubDb): BoroughLoaders {
  const q = new BoroughQueries(db);
  return {
    byCode: new DataLoader(async (codes) => oneInKeyOrder(codes, q.byCodes(codes) as Borough[], (r) => r.code)),
    contacts: new DataLoader(async (codes) => groupInKeyOrder(codes, q.contactsOf(codes) as IgContact[], (r) => r.authorityCode)),
  };
}
