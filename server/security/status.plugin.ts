import type { ApolloServerPlugin } from "@apollo/server";
import type { HubContext } from "../../schema/context.js";
import { LIMIT_CODES } from "./limits.js";

/**
 * True when Apollo will answer `application/graphql-response+json` for this Accept header (the
 * same choice as its negotiation: higher q wins, then the exact type over a wildcard, then the
 * earlier entry), false when it will answer `application/json`.
 */
export function prefersGraphQLResponseJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let best: { type: "gql" | "json"; q: number; specific: number; order: number } | null = null;
  accept.split(",").forEach((part, order) => {
    const [range, ...params] = part.trim().toLowerCase().split(";").map((x) => x.trim());
    const qParam = params.find((param) => param.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) return;
    const candidates: { type: "gql" | "json"; specific: number }[] = [];
    if (range === "application/graphql-response+json") candidates.push({ type: "gql", specific: 2 });
    if (range === "application/json") candidates.push({ type: "json", specific: 2 });
    if (range === "application/*" || range === "*/*") candidates.push({ type: "json", specific: range === "*/*" ? 0 : 1 });
    for (const candidate of candidates) {
      const better =
        !best || q > best.q || (q === best.q && (candidate.specific > best.specific || (candidate.specific === best.specific && order < best.order)));
      if (better) best = { ...candidate, q, order };
    }
  });
  return (best as { type: string } | null)?.type === "gql";
}

/** Codes of errors in well-formed GraphQL requests that were refused before execution. */
const REQUEST_ERROR_CODES = new Set<unknown>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  LIMIT_CODES.maxDepth,
  LIMIT_CODES.maxAliases,
  LIMIT_CODES.maxDirectives,
  LIMIT_CODES.maxTokens,
  LIMIT_CODES.maxCost,
]);

/**
 * GraphQL over HTTP: a client that accepts only the legacy `application/json` gets status 200 for
 * parse, validation and variable errors (and the query limits, which are validation), because
 * such clients read errors from the body, not the status; `application/graphql-response+json`
 * clients keep the 4xx status Apollo chose. Authentication (401), rate (429) and body size (413)
 * are HTTP-level refusals and keep their status.
 */
export function legacyJsonStatusPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.response.http.status !== 400 || rc.response.body.kind !== "single") return;
          if (prefersGraphQLResponseJson(rc.request.http?.headers.get("accept"))) return;
          const errors = rc.response.body.singleResult.errors ?? [];
          if (errors.length > 0 && errors.every((error) => REQUEST_ERROR_CODES.has(error.extensions?.code))) rc.response.http.status = 200;
        },
      };
    },
  };
}
