import { GraphQLError } from "graphql";

/**
 * Query and request limits, each with a stable `extensions.code`, a message naming the limit and
 * its value, and a documented default (README "Security"). Depth, aliases, directives and field
 * suggestions use GraphQL Armor; the token limit is graphql-js's own parser limit; the cost is
 * graphql-query-complexity with a connection-size estimator (GitHub's rule: `first` multiplies
 * everything below it).
 */
export interface SecurityLimits {
  /** Deepest field nesting (GraphQL Armor max-depth). */
  maxDepth: number;
  /** Deepest nesting of a document that selects only introspection fields (a GraphQL tool reading the schema). */
  maxIntrospectionDepth: number;
  /** Aliases in one operation (GraphQL Armor max-aliases). */
  maxAliases: number;
  /** Directives in one operation (GraphQL Armor max-directives). */
  maxDirectives: number;
  /** Lexical tokens in one document (graphql-js `parse` maxTokens). */
  maxTokens: number;
  /** Query cost: every field costs 1, multiplied by the `first`/`last` of each connection above it. */
  maxCost: number;
  /** Page size the cost assumes when a connection field is asked without `first`/`last`. */
  defaultPageSize: number;
  /** Page size cap the cost assumes (larger `first` is refused by the schema itself). */
  maxPageSize: number;
  /** Largest request body in bytes (HTTP 413 above it). */
  maxBodyBytes: number;
  /** Largest JSON answer in bytes: a larger one is replaced by one RESPONSE_TOO_LARGE error. */
  maxResponseBytes: number;
  /** Cost budget per API key (anonymous: one shared budget) per minute; 0 turns the rate limit off. */
  costPerMinute: number;
  /** Wall-clock budget of one request's execution, in milliseconds. */
  timeLimitMs: number;
  /** Heavy operations (exports, analytics queries) running at once; more wait in a queue (server/security/heavy-work.ts). */
  heavyConcurrency: number;
  /** Heavy operations waiting for a turn; one more is refused with 503 SERVER_BUSY. */
  heavyQueue: number;
  /** What one HTTP export costs in the per-key rate limit (cost units, as a GraphQL query's cost). */
  exportCost: number;
}

/** The defaults: Armor's for depth/aliases/directives, GitHub-like for cost. */
export const DEFAULT_LIMITS: Readonly<SecurityLimits> = Object.freeze({
  maxDepth: 10,
  maxIntrospectionDepth: 21,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 50_000,
  defaultPageSize: 20,
  maxPageSize: 100,
  maxBodyBytes: 1024 * 1024,
  maxResponseBytes: 10 * 1024 * 1024,
  costPerMinute: 1_000_000,
  timeLimitMs: 10_000,
  heavyConcurrency: 2,
  heavyQueue: 16,
  exportCost: 10_000,
});

/** Stable `extensions.code` of each limit. */
export const LIMIT_CODES = {
  maxDepth: "DEPTH_LIMIT_EXCEEDED",
  maxIntrospectionDepth: "DEPTH_LIMIT_EXCEEDED",
  maxAliases: "ALIAS_LIMIT_EXCEEDED",
  maxDirectives: "DIRECTIVE_LIMIT_EXCEEDED",
  maxTokens: "TOKEN_LIMIT_EXCEEDED",
  maxCost: "COST_LIMIT_EXCEEDED",
  maxBodyBytes: "PAYLOAD_TOO_LARGE",
  maxResponseBytes: "RESPONSE_TOO_LARGE",
  costPerMinute: "RATE_LIMITED",
  timeLimitMs: "TIME_LIMIT_EXCEEDED",
  batching: "BATCHING_DISABLED",
  heavyQueue: "SERVER_BUSY",
} as const;

/** A limit error: `securityCode` becomes `extensions.code` in formatError (Apollo overwrites `code` of validation errors). */
export function limitError(kind: keyof typeof LIMIT_CODES, message: string, limit: number, status = 400, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { securityCode: LIMIT_CODES[kind], limit, http: { status, headers: new Map<string, string>() }, ...extra },
  });
}
