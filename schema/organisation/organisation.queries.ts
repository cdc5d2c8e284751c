import type { HubDb } from "../../db/connection.js";
import { matchable, placeholders, stmt } from "../common/sql.js";
import type { Organisation } from "./organisation.type.js";

type Row = Omit<Organisation, "synthetic"> & { synthetic: number };
const toOrganisation = (r: Row): Organisation => ({ ...r, synthetic: Boolean(r.synthetic) });

/** Reads partner organisations (async for a later PostgreSQL backend). */
export class OrganisationQueries {
  constructor(private readonly db: HubDb) {}

  /** Organisations with these slugs (any order). */
  async bySlugs(slugs: readonly string[]): Promise<Organisation[]> {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return stmt<Row>(this.db, `SELECT slug, name, kind, synthetic FROM organisations WHERE slug IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toOrganisation);
  }

  /** Up to `limit` organisations after `afterSlug`, by slug (keyset). */
  async page(afterSlug: string | null, limit: number): Promise<Organisation[]> {
    return stmt<Row>(this.db, "SELECT slug, name, kind, synthetic FROM organisations WHERE slug > ? ORDER BY slug LIMIT ?")
      .all(afterSlug ?? "", limit)
      .map(toOrganisation);
  }

  /** Number of organisations. */
  async count(): Promise<number> {
    return stmt<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM organisations").get()!.n;
  }
}
