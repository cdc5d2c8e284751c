import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * API keys. The secret (`ighub_<id>_<random>`) is shown once at creation and never stored: only its
 * SHA-256 is, so a copy of the database does not hand out working keys.
 */
export const apiKeys = sqliteTable(
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
    createdAt: integer("created_at").notNull(),
    /** Epoch ms when revoked; null while the key is valid. */
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_revoked_idx").on(t.revokedAt)],
);
