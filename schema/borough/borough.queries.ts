import type { HubDb } from "../../db/connection.js";
import { matchable, placeholders, stmt } from "../common/sql.js";
import type { Borough } from "./borough.type.js";
import type { IgContact } from "./ig-contact.type.js";

const BOROUGH_COLUMNS =
  `code, name, code AS "gssCode", ons_zone AS "onsZone", statutory_zone AS "statutoryZone", loti_membership AS "lotiMembership", loti_member_since AS "lotiMemberSince", source`;

/**
 * Reads authorities and their IG contacts. Async so that a PostgreSQL backend can replace it;
 * better-sqlite3 answers synchronously underneath.
 */
export class BoroughQueries {
  constructor(private readonly db: HubDb) {}

  /** Authorities with these GSS codes (any order; missing codes are absent). */
  async byCodes(codes: readonly string[]): Promise<Borough[]> {
    const keys = codes.filter(matchable);
    if (!keys.length) return [];
    return stmt<Borough>(this.db, `SELECT ${BOROUGH_COLUMNS} FROM authorities WHERE code IN (${placeholders(keys.length)})`).all(...keys);
  }

  /** Up to `limit` authorities after `afterCode`, by code (keyset). */
  async page(afterCode: string | null, limit: number): Promise<Borough[]> {
    return stmt<Borough>(this.db, `SELECT ${BOROUGH_COLUMNS} FROM authorities WHERE code > ? ORDER BY code LIMIT ?`).all(afterCode ?? "", limit);
  }

  /** Number of authorities. */
  async count(): Promise<number> {
    return stmt<{ n: number }>(this.db, "SELECT COUNT(*) AS n FROM authorities").get()!.n;
  }

  /** IG contacts of these authorities, by authority then role. */
  async contactsOf(codes: readonly string[]): Promise<IgContact[]> {
    const rows = stmt<Omit<IgContact, "synthetic"> & { synthetic: number }>(
      this.db,
      `SELECT authority_code AS "authorityCode", role, name, email, synthetic FROM ig_contacts WHERE authority_code IN (${placeholders(codes.length)}) ORDER BY authority_code, role, id`,
    ).all(...codes);
    return rows.map((r) => ({ ...r, synthetic: Boolean(r.synthetic) }));
  }
}
