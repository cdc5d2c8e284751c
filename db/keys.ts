import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { HubDb } from "./connection.js";
import type { apiKeys } from "./tables/index.js";

/** What a key may do: read aggregates (viewer), write for its boroughs (editor), everything (admin). */
export type KeyRole = "viewer" | "editor" | "admin";

export const KEY_ROLES: readonly KeyRole[] = ["viewer", "editor", "admin"];

/** A stored key as callers see it: never the hash, never the secret. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: KeyRole;
  boroughs: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** A newly created key: `secret` is shown once and cannot be recovered later. */
export interface CreatedApiKey extends ApiKeyInfo {
  secret: string;
}

/** Bad input to a key operation (unknown role, borough, key id); the CLI prints it as one line. */
export class KeyError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = "KeyError";
  }
}

const GSS_LONDON = /^E09000(0(0[1-9]|[12]\d|3[0-3]))$/;
// `ighub_` + 16 hex id + `_` + 43 base64url characters (32 random bytes).
const SECRET_SHAPE = /^ighub_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Hex SHA-256 of a secret. A fast hash is enough: the secret carries 256 random bits. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

type KeyRow = typeof apiKeys.$inferSelect;

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as KeyRole,
    boroughs: JSON.parse(row.boroughs) as string[],
    createdAt: row.createdAt,
    revokedAt: row.revokedAt ?? null,
  };
}

/**
 * Creates a key. Editors need at least one London borough (GSS code E09000001..E09000033); viewer
 * and admin keys take none. Throws KeyError for a bad role, name or borough. The secret is in the
 * result only; the database keeps its SHA-256. The creation is written to the audit trail.
 */
export function createApiKey(
  db: HubDb,
  input: { name: string; role: string; boroughs?: string[]; actor?: string; now?: number },
): CreatedApiKey {
  const role = input.role as KeyRole;
  if (!KEY_ROLES.includes(role)) throw new KeyError(`unknown role ${JSON.stringify(input.role)}: expected one of ${KEY_ROLES.join(", ")}`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new KeyError("a key needs a name of 1 to 200 characters (--name \"Camden IG\")");
  const boroughs = [...new Set((input.boroughs ?? []).map((b) => b.trim().toUpperCase()))].sort();
  for (const b of boroughs) {
    if (!GSS_LONDON.test(b)) throw new KeyError(`unknown borough ${JSON.stringify(b)}: expected a London GSS code E09000001..E09000033`);
  }
  if (role === "editor" && boroughs.length === 0) throw new KeyError("an editor key needs at least one --borough (a GSS code such as E09000007)");
  if (role !== "editor" && boroughs.length > 0) throw new KeyError(`a ${role} key is not scoped to boroughs: drop --borough, or use --role editor`);

  const id = randomBytes(8).toString("hex");
  const secret = `ighub_${id}_${randomBytes(32).toString("base64url")}`;
  const createdAt = input.now ?? Date.now();
  const row: KeyRow = { id, name, role, boroughs: JSON.stringify(boroughs), hash: hashSecret(secret), createdAt, revokedAt: null };
  db.sql.transaction(() => {
    db.sql.prepare(`INSERT INTO api_keys (${KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(row.id, row.name, row.role, row.boroughs, row.hash, row.createdAt, row.revokedAt);
    audit(db, createdAt, input.actor ?? "cli", "CREATE_KEY", id, JSON.stringify({ name, role, boroughs }));
  })();
  return { ...toInfo(row), secret };
}

const KEY_COLUMNS = "id, name, role, boroughs, hash, created_at, revoked_at";
const KEY_SELECT = 'id, name, role, boroughs, hash, created_at AS "createdAt", revoked_at AS "revokedAt"';

function audit(db: HubDb, at: number, actor: string, action: string, keyId: string, detail: string | null): void {
  db.sql.prepare("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES (?, ?, ?, 'api_key', ?, ?)").run(at, actor, action, keyId, detail);
}

/** Every key, oldest first, without hashes. */
export function listApiKeys(db: HubDb): ApiKeyInfo[] {
  return db.sql.prepare<KeyRow>(`SELECT ${KEY_SELECT} FROM api_keys ORDER BY created_at, id`).all().map(toInfo);
}

/**
 * Revokes a key at once: the next request that presents it is refused (validity is never cached
 * across requests). Revoking a revoked key keeps the first revocation time. Throws KeyError for an
 * unknown id. Written to the audit trail.
 */
export function revokeApiKey(db: HubDb, id: string, opts: { actor?: string; now?: number } = {}): ApiKeyInfo {
  const now = opts.now ?? Date.now();
  return db.sql.transaction(() => {
    const row = db.sql.prepare<KeyRow>(`SELECT ${KEY_SELECT} FROM api_keys WHERE id = ?`).get(id);
    if (!row) throw new KeyError(`no key with id ${JSON.stringify(id)}: see \`npm run hub -- keys list\``);
    if (row.revokedAt != null) return toInfo(row);
    db.sql.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?").run(now, id);
    audit(db, now, opts.actor ?? "cli", "REVOKE_KEY", id, null);
    return toInfo({ ...row, revokedAt: now });
  })();
}

/** Outcome of presenting a secret: a valid key, a revoked one, or nothing that matches. */
export type KeyLookup = { status: "valid"; key: ApiKeyInfo } | { status: "revoked"; key: ApiKeyInfo } | { status: "unknown" };

/**
 * Looks up the key a secret belongs to, reading the database every time (so a revocation takes
 * effect on the next request). The id embedded in the secret selects the row; the hashes are
 * compared in constant time, so response timing does not reveal how much of a guess was right.
 * Returns a Promise so a PostgreSQL store can implement the same contract.
 */
export async function lookupApiKey(db: HubDb, secret: string): Promise<KeyLookup> {
  const m = SECRET_SHAPE.exec(secret);
  if (!m) return { status: "unknown" };
  const row = db.sql.prepare("SELECT * FROM api_keys WHERE id = ?").get(m[1]) as
    | { id: string; name: string; role: string; boroughs: string; hash: string; created_at: number; revoked_at: number | null }
    | undefined;
  if (!row) return { status: "unknown" };
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(row.hash, "hex");
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return { status: "unknown" };
  const key = toInfo({ id: row.id, name: row.name, role: row.role, boroughs: row.boroughs, hash: row.hash, createdAt: row.created_at, revokedAt: row.revoked_at });
  return key.revokedAt != null ? { status: "revoked", key } : { status: "valid", key };
}
