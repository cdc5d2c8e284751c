import type { HubDb } from "../connection.js";
import { cachedStatement, matchable, placeholders } from "../sql.js";

/** A London authority (table authorities), columns named as the graph names them. */
export interface BoroughRow {
  code: string;
  name: string;
  gssCode: string;
  /** INNER or OUTER. */
  onsZone: string;
  statutoryZone: string;
  /** KNOWN_MEMBER, KNOWN_NON_MEMBER or UNKNOWN. */
  lotiMembership: string;
  lotiMemberSince: string | null;
  source: string;
}

/** An IG contact of an authority (table ig_contacts). Name and e-mail are personal data. */
export interface IgContactRow {
  authorityCode: string;
  /** DPO, IG_LEAD, SIRO or CALDICOTT_GUARDIAN. */
  role: string;
  name: string;
  email: string;
  synthetic: boolean;
}

const BOROUGH_COLUMNS =
  `code, name, code AS "gssCode", ons_zone AS "onsZone", statutory_zone AS "statutoryZone", loti_membership AS "lotiMembership", loti_member_since AS "lotiMemberSince", source`;

/** Reads authorities and their IG contacts. */
export class BoroughQueries {
  constructor(private readonly db: HubDb) {}

  /** Authorities with these GSS codes (any order; missing codes are absent). */
  byCodes(codes: readonly string[]): BoroughRow[] {
    const keys = codes.filter(matchable);
    if (!keys.length) return [];
    return cachedStatement<BoroughRow>(this.db, `SELECT ${BOROUGH_COLUMNS} FROM authorities WHERE code IN (${placeholders(keys.length)})`).all(...keys);
  }

  /** Up to `limit` authorities after `afterCode`, by code (keyset). */
  page(afterCode: string | null, limit: number): BoroughRow[] {
    return cachedStatement<BoroughRow>(this.db, `SELECT ${BOROUGH_COLUMNS} FROM authorities WHERE code > ? ORDER BY code LIMIT ?`).all(afterCode ?? "", limit);
  }

  /** Number of authorities. */
  count(): number {
    return cachedStatement<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM authorities").get()!.n;
  }

  /** IG contacts of these authorities, by authority then role. */
  contactsOf(codes: readonly string[]): IgContactRow[] {
    const rows = cachedStatement<Omit<IgContactRow, "synthetic"> & { synthetic: number }>(
      this.db,
      `SELECT authority_code AS "authorityCode", role, name, email, synthetic FROM ig_contacts WHERE authority_code IN (${placeholders(codes.length)}) ORDER BY authority_code, role, id`,
    ).all(...codes);
    return rows.map((r) => ({ ...r, synthetic: Boolean(r.synthetic) }));
  }
}
