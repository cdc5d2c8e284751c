import type { HubDb } from "../connection.js";
import { cachedStatement, matchable, placeholders } from "../sql.js";

/** A partner organisation (table organisations). */
export interface OrganisationRow {
  slug: string;
  name: string;
  kind: string;
  synthetic: boolean;
}

type Row = Omit<OrganisationRow, "synthetic"> & { synthetic: number };
const toOrganisation = (r: Row): OrganisationRow => ({ ...r, synthetic: Boolean(r.synthetic) });

/** Reads partner organisations. */
export class OrganisationQueries {
  constructor(private readonly db: HubDb) {}

  /** Organisations with these slugs (any order). */
  bySlugs(slugs: readonly string[]): OrganisationRow[] {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<Row>(this.db, `SELECT slug, name, kind, synthetic FROM organisations WHERE slug IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toOrganisation);
  }

  /** Up to `limit` organisations after `afterSlug`, by slug (keyset). */
  page(afterSlug: string | null, limit: number): OrganisationRow[] {
    return cachedStatement<Row>(this.db, "SELECT slug, name, kind, synthetic FROM organisations WHERE slug > ? ORDER BY slug LIMIT ?")
      .all(afterSlug ?? "", limit)
      .map(toOrganisation);
  }

  /** Number of organisations. */
  count(): number {
    return cachedStatement<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM organisations").get()!.n;
  }
}
