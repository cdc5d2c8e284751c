import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { openDb, type HubDb } from "../../../db/connection.js";
import { createApiKey, revokeApiKey } from "../../../db/keys.js";
import { resolveViewer } from "../../../server/security/viewer.js";

let db: HubDb;
beforeEach(() => {
  db = openDb(":memory:");
});
afterEach(() => db.close());

async function refusal(p: Promise<unknown>): Promise<{ message: string; code: unknown; status: unknown }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphQLError);
  const g = err as GraphQLError;
  return { message: g.message, code: g.extensions.code, status: (g.extensions.http as { status: number }).status };
}

describe("resolveViewer", () => {
  it("maps a Bearer key or X-Api-Key to its role, id and boroughs", async () => {
    const key = createApiKey(db, { name: "Camden", role: "editor", boroughs: ["E09000007"] });
    const expected = { role: "editor", keyId: key.id, boroughs: ["E09000007"] };
    expect(await resolveViewer(db, { allowAnonymousRead: false }, { authorization: `Bearer ${key.secret}` })).toEqual(expected);
    expect(await resolveViewer(db, { allowAnonymousRead: false }, new Map([["x-api-key", key.secret]]))).toEqual(expected);
  });

  it("gives anonymous without a key only when anonymous reads are allowed", async () => {
    expect(await resolveViewer(db, { allowAnonymousRead: true }, {})).toEqual({ role: "anonymous", keyId: null, boroughs: [] });
    expect(await refusal(resolveViewer(db, { allowAnonymousRead: false }, {}))).toMatchObject({ code: "UNAUTHENTICATED", status: 401, message: expect.stringMatching(/API key is required/) });
  });

  it("refuses a revoked key on the very next request, even when anonymous reads are allowed", async () => {
    const key = createApiKey(db, { name: "v", role: "viewer" });
    const headers = { authorization: `Bearer ${key.secret}` };
    expect((await resolveViewer(db, { allowAnonymousRead: true }, headers)).role).toBe("viewer");
    revokeApiKey(db, key.id);
    expect(await refusal(resolveViewer(db, { allowAnonymousRead: true }, headers))).toEqual({
      code: "UNAUTHENTICATED",
      status: 401,
      message: `API key ${key.id} was revoked: ask an admin for a new key.`,
    });
  });

  it("refuses unknown keys and malformed Authorization headers rather than falling back to anonymous", async () => {
    expect((await refusal(resolveViewer(db, { allowAnonymousRead: true }, { authorization: "Bearer nope" }))).code).toBe("UNAUTHENTICATED");
    expect((await refusal(resolveViewer(db, { allowAnonymousRead: true }, { authorization: "Basic dXNlcjpwYXNz" }))).message).toMatch(/must be `Bearer <api key>`/);
  });
});
