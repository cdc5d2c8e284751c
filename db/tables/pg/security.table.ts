// PostgreSQL versions of the tables in ../ (the same names, columns and indexes): epoch-millisecond
// columns are bigint (returned as numbers), flags stay integers 0/1 as on SQLite.
import { pgTable, text, integer, bigint, index } from "drizzle-orm/pg-core";

/**
 * API keys. The secret (`ighub_<id>_<random>`) is shown once at creation and never stored: only its
 * SHA-256 is, so a copy of the database does not hand out working keys.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    /** Public identifier (16 hex characters); also the actor written to the audit trail. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** viewer, editor or admin. */
    role: text("role").notNull(),
    /** JSON array of GSS codes an editor may write for (empty for viewer and admin). */
    boroughs: text("boroughs").notNull().default("[]"),
    /** Hex SHA-256 of the whole secret. */
    hash: text("hash").notNull(),
    /** Epoch ms. */
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    /** Epoch ms when revoked; null while the key is valid. */
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [index("api_keys_revoked_idx").on(t.revokedAt)],
);
