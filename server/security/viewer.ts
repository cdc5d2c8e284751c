import { GraphQLError } from "graphql";
import type { HubDb } from "../../db/connection.js";
import { lookupApiKey } from "../../db/keys.js";
import type { HubConfig } from "../config.js";
import type { Viewer } from "../../schema/context.js";

/** Headers as Apollo (HeaderMap, lower-case keys) or node:http (IncomingHttpHeaders) hand them over. */
export type HeaderSource = { get(name: string): string | undefined } | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | undefined }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The anonymous viewer: reads what a viewer key reads, writes nothing, sees no personal data. */
export const ANONYMOUS: Viewer = Object.freeze({ role: "anonymous", keyId: null, boroughs: [] as string[] }) as Viewer;

/** An UNAUTHENTICATED error answered with HTTP 401 and a `WWW-Authenticate: Bearer` challenge. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: "UNAUTHENTICATED",
      http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="ighub"']]) },
    },
  });
}

/**
 * The secret a request presents: `Authorization: Bearer <key>`, else `X-Api-Key: <key>`; undefined
 * when neither header is there. A malformed or empty Authorization header, or an empty X-Api-Key,
 * is an error, not anonymity, so a client that meant to authenticate is told so.
 */
export function presentedSecret(headers: HeaderSource): string | undefined {
  const auth = header(headers, "authorization")?.trim();
  if (auth !== undefined) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!bearer) throw unauthenticated("The Authorization header must be `Bearer <api key>` (keys look like ighub_<id>_<secret>).");
    return bearer[1];
  }
  const apiKey = header(headers, "x-api-key")?.trim();
  // An empty X-Api-Key is a client that meant to send a key and lost it (an unset variable), not anonymity.
  if (apiKey === "") throw unauthenticated("The X-Api-Key header is empty: send the key (ighub_<id>_<secret>) or leave the header out.");
  return apiKey;
}

/**
 * Resolves the viewer of one request from its headers. A valid key gives its role, id and
 * boroughs; a revoked key is refused at once (UNAUTHENTICATED, HTTP 401), because validity is read
 * from the database on every request and never cached; an unknown or malformed key is refused the
 * same way. No key gives the anonymous viewer when `config.allowAnonymousRead`, else
 * UNAUTHENTICATED.
 */
export async function resolveViewer(db: HubDb, config: Pick<HubConfig, "allowAnonymousRead">, headers: HeaderSource): Promise<Viewer> {
  const secret = presentedSecret(headers);
  if (secret === undefined) {
    if (config.allowAnonymousRead) return ANONYMOUS;
    throw unauthenticated("An API key is required: send `Authorization: Bearer <api key>` (create one with `npm run hub -- keys create`).");
  }
  const found = await lookupApiKey(db, secret);
  if (found.status === "revoked") throw unauthenticated(`API key ${found.key.id} was revoked: ask an admin for a new key.`);
  if (found.status === "unknown") throw unauthenticated("The API key is not valid: check it was copied whole (ighub_<id>_<secret>).");
  return { role: found.key.role, keyId: found.key.id, boroughs: [...found.key.boroughs] };
}
