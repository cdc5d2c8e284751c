import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type HubDb } from "../../db/connection.js";
import { createApiKey, hashSecret, KeyError, listApiKeys, lookupApiKey, revokeApiKey } from "../../db/keys.js";

let db: HubDb;
beforeEach(() => {
  db = openDb(":memory:");
});
afterEach(() => db.close());

describe("createApiKey", () => {
  it("returns the secret once and stores only its SHA-256", () => {
    const key = createApiKey(db, { name: "Camden IG", role: "editor", boroughs: ["E09000007", "e09000007 ", "E09000001"], now: 1_700_000_000_000 });
    expect(key.secret).toMatch(new RegExp(`^ighub_${key.id}_[A-Za-z0-9_-]{43}$`));
    expect(key).toMatchObject({ name: "Camden IG", role: "editor", boroughs: ["E09000001", "E09000007"], createdAt: 1_700_000_000_000, revokedAt: null });
    const row = db.sql.prepare("SELECT * FROM api_keys").get() as Record<string, unknown>;
    expect(row.hash).toBe(hashSecret(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(23));
    expect(listApiKeys(db)).toEqual([{ id: key.id, name: "Camden IG", role: "editor", boroughs: ["E09000001", "E09000007"], createdAt: 1_700_000_000_000, revokedAt: null }]);
  });

  it("writes creation and revocation to the audit trail", () => {
    const key = createApiKey(db, { name: "ops", role: "admin", now: 1 });
    revokeApiKey(db, key.id, { now: 2 });
    const audit = db.sql.prepare("SELECT at, actor, action, entity_type, entity_id FROM audit_log ORDER BY id").all();
    expect(audit).toEqual([
      { at: 1, actor: "cli", action: "CREATE_KEY", entity_type: "api_key", entity_id: key.id },
      { at: 2, actor: "cli", action: "REVOKE_KEY", entity_type: "api_key", entity_id: key.id },
    ]);
  });

  it.each([
    [{ name: "x", role: "owner" }, /unknown role "owner"/],
    [{ name: "x", role: "editor" }, /editor key needs at least one --borough/],
    [{ name: "x", role: "editor", boroughs: ["E09000034"] }, /unknown borough "E09000034"/],
    [{ name: "x", role: "viewer", boroughs: ["E09000007"] }, /not scoped to boroughs/],
    [{ name: "  ", role: "viewer" }, /needs a name/],
  ])("refuses %j", (input, message) => {
    expect(() => createApiKey(db, input)).toThrow(message);
    expect(() => createApiKey(db, input)).toThrow(KeyError);
    expect(listApiKeys(db)).toEqual([]);
  });
});

describe("lookupApiKey", () => {
  it("finds a valid key, refuses a wrong secret with the right id, and reports revocation at once", async () => {
    const key = createApiKey(db, { name: "v", role: "viewer" });
    expect(await lookupApiKey(db, key.secret)).toEqual({ status: "valid", key: expect.objectContaining({ id: key.id, role: "viewer" }) });
    const tampered = key.secret.slice(0, -1) + (key.secret.endsWith("A") ? "B" : "A");
    expect(await lookupApiKey(db, tampered)).toEqual({ status: "unknown" });
    expect(await lookupApiKey(db, "ighub_0000000000000000_" + "A".repeat(43))).toEqual({ status: "unknown" });
    expect(await lookupApiKey(db, "not a key")).toEqual({ status: "unknown" });
    revokeApiKey(db, key.id);
    expect((await lookupApiKey(db, key.secret)).status).toBe("revoked");
  });

  it("revoking twice keeps the first revocation time; an unknown id is a user-facing error", () => {
    const key = createApiKey(db, { name: "v", role: "viewer" });
    expect(revokeApiKey(db, key.id, { now: 10 }).revokedAt).toBe(10);
    expect(revokeApiKey(db, key.id, { now: 20 }).revokedAt).toBe(10);
    expect(() => revokeApiKey(db, "ffffffffffffffff")).toThrow(/no key with id "ffffffffffffffff"/);
  });
});
