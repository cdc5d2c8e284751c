import type { HubDb } from "../connection.js";
import { cachedStatement, matchable, placeholders } from "../sql.js";

/** A partner organisation (table organisations). */
export interface OrganisationRow {
  slug: string;
  name: string;
  kind: string;
  /** NHS ODS code, where known; null = unknown (never invented). */
  odsCode: string | null;
  /** ICO data-protection registration number, where known; null = unknown. */
  icoRegistration: string | null;
  /** Where the identifiers come from; null when none is known. */
  identifierSource: string | null;
  synthetic: boolean;
}

type Row = Omit<OrganisationRow, "synthetic"> & { synthetic: number };
const toOrganisation = (r: Row): OrganisationRow => ({ ...r, synthetic: Boolean(r.synthetic) });

/** The columns every read of an organisation returns, as OrganisationRow names them (quoted: PostgreSQL folds case). */
const SELECT_ORGANISATIONS = 'SELECT slug, name, kind, ods_code AS "odsCode", ico_registration AS "icoRegistration", identifier_source AS "identifierSource", synthetic FROM organisations';

/** Reads partner organisations. */
export class OrganisationQueries {
  constructor(private readonly db: HubDb) {}

  /** Organisations with these slugs (any order). */
  bySlugs(slugs: readonly string[]): OrganisationRow[] {
    const keys = slugs.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<Row>(this.db, `${SELECT_ORGANISATIONS} WHERE slug IN (${placeholders(keys.length)})`)
      .all(...keys)
      .map(toOrganisation);
  }

  /** Up to `limit` organisations after `afterSlug`, by slug (keyset). */
  page(afterSlug: string | null, limit: number): OrganisationRow[] {
    return cachedStatement<Row>(this.db, `${SELECT_ORGANISATIONS} WHERE slug > ? ORDER BY slug LIMIT ?`)
      .all(afterSlug ?? "", limit)
      .map(toOrganisation);
  }

  /** Number of organisations. */
  count(): number {
    return cachedStatement<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM organisations").get()!.n;
  }
}
