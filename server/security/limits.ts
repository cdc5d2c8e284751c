import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { GraphQLError, isObjectType, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from "graphql";
import { createRequire } from "node:module";
import type * as QueryComplexity from "graphql-query-complexity";
import type { ComplexityEstimator } from "graphql-query-complexity";
import type { HubContext } from "../../schema/context.js";

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
  /** Cost budget per API key (anonymous: one shared budget) per minute; 0 turns the rate limit off. */
  costPerMinute: number;
  /** Wall-clock budget of one request's execution, in milliseconds. */
  timeLimitMs: number;
}

/** The defaults: Armor's for depth/aliases/directives, GitHub-like for cost. */
export const DEFAULT_LIMITS: Readonly<SecurityLimits> = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 50_000,
  defaultPageSize: 20,
  maxPageSize: 100,
  maxBodyBytes: 1024 * 1024,
  costPerMinute: 1_000_000,
  timeLimitMs: 10_000,
});

// The package's ESM build imports `graphql/index.mjs`, a second copy of graphql-js next to the
// CommonJS one that type-graphql and this server use ("from another module or realm"); its
// CommonJS build requires the same copy as everything else.
const { getComplexity, simpleEstimator, fieldExtensionsEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

/** Stable `extensions.code` of each limit. */
export const LIMIT_CODES = {
  maxDepth: "DEPTH_LIMIT_EXCEEDED",
  maxAliases: "ALIAS_LIMIT_EXCEEDED",
  maxDirectives: "DIRECTIVE_LIMIT_EXCEEDED",
  maxTokens: "TOKEN_LIMIT_EXCEEDED",
  maxCost: "COST_LIMIT_EXCEEDED",
  maxBodyBytes: "PAYLOAD_TOO_LARGE",
  costPerMinute: "RATE_LIMITED",
  timeLimitMs: "TIME_LIMIT_EXCEEDED",
  batching: "BATCHING_DISABLED",
} as const;

export interface SecurityOptions {
  production: boolean;
  limits?: Partial<SecurityLimits>;
  /** Clock in ms (tests drive the rate limit and the time limit with it). */
  now?: () => number;
  /** Where unexpected errors are reported before their details are hidden from the client. */
  logError?: (error: unknown) => void;
}

/** What createHub passes to `new ApolloServer({...})` (spread) plus what its HTTP layer needs. */
export interface HubSecurity {
  limits: SecurityLimits;
  apollo: {
    plugins: ApolloServerPlugin<HubContext>[];
    validationRules: ValidationRule[];
    parseOptions: { maxTokens: number };
    allowBatchedHttpRequests: false;
    includeStacktraceInErrorResponses: boolean;
    formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  };
  /** The per-key cost buckets (per instance; tests inspect it). */
  rateLimiter: CostRateLimiter;
  /** Prepares a schema for these limits (the time limit's resolver checks); call before serving it. */
  instrument(schema: GraphQLSchema): GraphQLSchema;
}

/**
 * Per-key token buckets of query cost: each key may spend `perMinute` cost units a minute, refilled
 * continuously. In-process, so with several hub instances each instance counts on its own (the
 * effective budget is `perMinute` × instances); put a shared limiter in the gateway for a hard cap.
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Spends `cost` from `key`'s bucket; returns 0 when allowed, else the seconds to wait. */
  take(key: string, cost: number): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + ((t - b.at) * this.perMinute) / 60_000);
    b.at = t;
    this.buckets.set(key, b);
    if (cost <= b.tokens) {
      b.tokens -= cost;
      return 0;
    }
    if (cost > this.perMinute) return 60;
    return Math.max(1, Math.ceil(((cost - b.tokens) * 60_000) / this.perMinute / 1000));
  }
}

/** A limit error: `securityCode` becomes `extensions.code` in formatError (Apollo overwrites `code` of validation errors). */
function limitError(kind: keyof typeof LIMIT_CODES, message: string, limit: number, status = 400, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { securityCode: LIMIT_CODES[kind], limit, http: { status, headers: new Map<string, string>() }, ...extra },
  });
}

/**
 * GitHub-style connection cost: a field with a `first`/`last` argument costs 1 plus its page size
 * times the cost of one item; every other field costs 1 plus its children. Page sizes are capped at
 * `maxPageSize` so an oversized `first` gets the schema's own BAD_USER_INPUT error, not a cost error.
 */
export function connectionEstimator(limits: Pick<SecurityLimits, "defaultPageSize" | "maxPageSize">): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const pages = field.args.some((a) => a.name === "first" || a.name === "last");
    if (!pages) return undefined;
    const asked = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : limits.defaultPageSize;
    const size = Math.max(0, Math.min(asked, limits.maxPageSize));
    return 1 + size * Math.max(1, childComplexity);
  };
}

/** The cost of an operation with its variables (see connectionEstimator); null when it cannot be computed. */
export function operationCost(
  requestContext: Pick<GraphQLRequestContext<HubContext>, "schema" | "document" | "request">,
  limits: Pick<SecurityLimits, "defaultPageSize" | "maxPageSize">,
): number | null {
  try {
    return getComplexity({
      schema: requestContext.schema,
      query: requestContext.document!,
      variables: requestContext.request.variables ?? {},
      operationName: requestContext.request.operationName ?? undefined,
      // A field may declare its own cost (type-graphql's `complexity` option, e.g. an expensive
      // analytics query); otherwise connections multiply and every other field costs 1.
      estimators: [fieldExtensionsEstimator(), connectionEstimator(limits), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Bad variables or operation name: execution reports them with the proper error.
    return null;
  }
}

/** A JSON.stringify replacer that keeps values JSON would merge (NaN and null, 1n and "1") apart. */
function exactValues(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return { bigint: String(value) };
  if (typeof value === "number" && !Number.isFinite(value)) return { number: String(value) };
  return value;
}

/** Costs remembered per document; past this many variable sets a document's are forgotten. */
const COSTS_PER_DOCUMENT = 64;

/**
 * operationCost, remembered per (document, operation name, variables): a dashboard sends the same
 * query again and again, and Apollo hands back the same validated document object for it, so the
 * cost is computed once instead of walking the document on every request. The cost depends on
 * nothing else (schema and limits are fixed for the plugin). Entries live as long as Apollo keeps
 * the document.
 */
function cachedOperationCost(limits: Pick<SecurityLimits, "defaultPageSize" | "maxPageSize">) {
  const costs = new WeakMap<object, Map<string, number | null>>();
  return (rc: Pick<GraphQLRequestContext<HubContext>, "schema" | "document" | "request">): number | null => {
    const { variables, operationName } = rc.request;
    let key: string;
    try {
      key = `${operationName ?? ""}\n${variables ? JSON.stringify(variables, exactValues) : ""}`;
    } catch {
      return operationCost(rc, limits); // not serialisable (a cycle): not cached
    }
    let known = costs.get(rc.document!);
    if (!known) costs.set(rc.document!, (known = new Map()));
    let cost = known.get(key);
    if (cost === undefined) {
      cost = operationCost(rc, limits);
      if (known.size >= COSTS_PER_DOCUMENT) known.clear();
      known.set(key, cost);
    }
    return cost;
  };
}

/** The cost limit and the per-key rate limit, both decided once the operation is known. */
function costPlugin(limits: SecurityLimits, limiter: CostRateLimiter): ApolloServerPlugin<HubContext> {
  const costOf = cachedOperationCost(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.document) return;
          const cost = costOf(rc);
          if (cost === null) return;
          if (cost > limits.maxCost) {
            throw limitError(
              "maxCost",
              `Query cost ${cost} exceeds the cost limit of ${limits.maxCost} (each field costs 1, multiplied by the first/last of every connection above it): ask for smaller pages or fewer nested connections.`,
              limits.maxCost,
              400,
              { cost },
            );
          }
          const viewer = rc.contextValue.viewer;
          const key = viewer?.keyId ?? "anonymous";
          const wait = limiter.take(key, cost);
          if (wait > 0) {
            const err = limitError(
              "costPerMinute",
              `Rate limit of ${limits.costPerMinute} cost units per minute for ${viewer?.keyId ? `key ${viewer.keyId}` : "anonymous requests"} reached (this query costs ${cost}): retry in ${wait} s.`,
              limits.costPerMinute,
              429,
              { retryAfterSeconds: wait, cost },
            );
            (err.extensions.http as { headers: Map<string, string> }).headers.set("retry-after", String(wait));
            throw err;
          }
        },
      };
    },
  };
}

/** Each request's time budget, by its context object (the one resolvers receive). */
interface Deadline {
  deadline: number;
  exceeded: boolean;
  now: () => number;
  limit: number;
  message: string;
}
const deadlines = new WeakMap<object, Deadline>();
const TIMED = Symbol("ighub.timeLimit");

/**
 * The per-request time limit: once the budget is spent, every resolver that starts fails, which
 * stops the work, and the response becomes one TIME_LIMIT_EXCEEDED error instead of a partial
 * result with hundreds of errors. The deadline is checked by the schema's own resolvers (see
 * `applyTimeLimit`), not by a `willResolveField` hook: such a hook makes Apollo instrument every
 * field of every request, which cost the hub a fifth of its throughput.
 */
function timeLimitPlugin(limits: SecurityLimits, now: () => number): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart(rc) {
      const state: Deadline = {
        deadline: now() + limits.timeLimitMs,
        exceeded: false,
        now,
        limit: limits.timeLimitMs,
        message: `The request exceeded the time limit of ${limits.timeLimitMs} ms: ask for less (smaller pages, fewer nested fields) or narrow the filters.`,
      };
      deadlines.set(rc.contextValue as object, state);
      return {
        async willSendResponse(rc) {
          if (!state.exceeded || rc.response.body.kind !== "single") return;
          rc.response.body.singleResult = {
            data: null,
            errors: [{ message: state.message, extensions: { code: LIMIT_CODES.timeLimitMs, limit: state.limit } }],
          };
        },
      };
    },
  };
}

/**
 * Makes every field that has its own resolver (where a request spends its time: queries, loaders,
 * analytics) check the request's deadline before it runs. Plain property fields are left alone.
 * Idempotent; returns the same schema.
 */
export function applyTimeLimit(schema: GraphQLSchema): GraphQLSchema {
  if ((schema as unknown as Record<symbol, boolean>)[TIMED]) return schema;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const inner = field.resolve;
      if (!inner) continue;
      field.resolve = (source, args, ctx, info) => {
        const state = deadlines.get(ctx as object);
        if (state && (state.exceeded || state.now() > state.deadline)) {
          state.exceeded = true;
          throw limitError("timeLimitMs", state.message, state.limit);
        }
        return inner(source, args, ctx, info);
      };
    }
  }
  Object.defineProperty(schema, TIMED, { value: true });
  return schema;
}

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
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) return;
    const candidates: { type: "gql" | "json"; specific: number }[] = [];
    if (range === "application/graphql-response+json") candidates.push({ type: "gql", specific: 2 });
    if (range === "application/json") candidates.push({ type: "json", specific: 2 });
    if (range === "application/*" || range === "*/*") candidates.push({ type: "json", specific: range === "*/*" ? 0 : 1 });
    for (const c of candidates) {
      const better = !best || q > best.q || (q === best.q && (c.specific > best.specific || (c.specific === best.specific && order < best.order)));
      if (better) best = { ...c, q, order };
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
function legacyJsonStatusPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.response.http.status !== 400 || rc.response.body.kind !== "single") return;
          if (prefersGraphQLResponseJson(rc.request.http?.headers.get("accept"))) return;
          const errors = rc.response.body.singleResult.errors ?? [];
          if (errors.length > 0 && errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code))) rc.response.http.status = 200;
        },
      };
    },
  };
}

const TOKEN_ERROR = /Document contains more that? (\d+) tokens/;

/**
 * Builds the limits for one hub: Apollo options to spread into `new ApolloServer`, the body limit
 * for the HTTP layer, and the error formatting that maps limit errors to their stable codes and,
 * in production, hides field suggestions and the details of unexpected errors.
 */
export function createSecurity(options: SecurityOptions): HubSecurity {
  const limits: SecurityLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const reporter = (kind: "maxDepth" | "maxAliases" | "maxDirectives", describe: (armorMessage: string) => string) => ({
    n: limits[kind],
    propagateOnRejection: false,
    onReject: [
      (ctx: { reportError(e: GraphQLError): void } | null, error: GraphQLError) => {
        ctx?.reportError(limitError(kind, describe(error.message.replace(/^Syntax Error: /, "")), limits[kind]));
      },
    ],
  });
  const armor = new ApolloArmor({
    maxDepth: reporter("maxDepth", (m) => `${m} The depth limit is ${limits.maxDepth}: split the query into shallower ones.`),
    maxAliases: reporter("maxAliases", (m) => `${m} The alias limit is ${limits.maxAliases}: send several smaller queries.`),
    maxDirectives: reporter("maxDirectives", (m) => `${m} The directive limit is ${limits.maxDirectives}.`),
    // Tokens are limited by graphql-js's parser (parseOptions) and cost by costPlugin, with variables.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();
  const limiter = new CostRateLimiter(limits.costPerMinute, now);

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    if (typeof ext.securityCode === "string") {
      ext.code = ext.securityCode;
      delete ext.securityCode;
      // An expected refusal, not a failure: no stack trace even in development.
      delete ext.stacktrace;
      return { ...formatted, extensions: ext };
    }
    const tokens = TOKEN_ERROR.exec(formatted.message);
    if (tokens) {
      return {
        message: `The query has more than ${limits.maxTokens} tokens, the token limit: shorten it or split it.`,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: LIMIT_CODES.maxTokens, limit: limits.maxTokens },
      };
    }
    if (formatted.message === "Operation batching disabled.") {
      return {
        message: "Batched requests are off: send one operation per request (a JSON object, not an array).",
        extensions: { code: LIMIT_CODES.batching },
      };
    }
    if (ext.code === "INTERNAL_SERVER_ERROR" || ext.code === undefined) {
      options.logError?.(error);
      if (options.production) {
        // Never the message, path details or stack of an unexpected error: they can leak internals.
        return { message: "Internal server error: the request could not be completed. The error has been logged.", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
      }
    }
    // Stack traces help only with unexpected errors, and only in development; an error with a
    // client code (BAD_USER_INPUT, FORBIDDEN, ...) is an answer, not a failure.
    if (options.production || ext.code !== "INTERNAL_SERVER_ERROR") delete ext.stacktrace;
    return { ...formatted, extensions: ext };
  };

  return {
    limits,
    rateLimiter: limiter,
    instrument: applyTimeLimit,
    apollo: {
      plugins: [...protection.plugins, costPlugin(limits, limiter), timeLimitPlugin(limits, now), legacyJsonStatusPlugin()] as ApolloServerPlugin<HubContext>[],
      validationRules: protection.validationRules,
      parseOptions: { maxTokens: limits.maxTokens },
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: !options.production,
      formatError,
    },
  };
}

/** The body of a 413 answer (GraphQL error shape, so clients parse it like any other error). */
export function payloadTooLargeBody(maxBodyBytes: number): string {
  return JSON.stringify({
    errors: [
      {
        message: `The request body is larger than the limit of ${maxBodyBytes} bytes: send a smaller query or fewer variables.`,
        extensions: { code: LIMIT_CODES.maxBodyBytes, limit: maxBodyBytes },
      },
    ],
  });
}

/** A body over the size limit; the HTTP layer answers 413 with payloadTooLargeBody. */
export class PayloadTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

/**
 * Reads a request body up to `maxBodyBytes`, refusing early on a larger Content-Length and while
 * streaming otherwise (a chunked body cannot grow past the limit in memory).
 */
export async function readBodyLimited(req: AsyncIterable<Buffer | string> & { headers: Record<string, string | string[] | undefined> }, maxBodyBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}
