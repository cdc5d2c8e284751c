import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { createRequire } from "node:module";
import type * as QueryComplexity from "graphql-query-complexity";
import type { ComplexityEstimator } from "graphql-query-complexity";
import type { HubContext } from "../../schema/context.js";
import { analyticsEstimator } from "./analytics-cost.js";
import { limitError, type SecurityLimits } from "./limits.js";

// The package's ESM build imports `graphql/index.mjs`, a second copy of graphql-js next to the
// CommonJS one that type-graphql and this server use ("from another module or realm"); its
// CommonJS build requires the same copy as everything else.
const { getComplexity, simpleEstimator, fieldExtensionsEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

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
    const nowMs = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: nowMs };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((nowMs - bucket.at) * this.perMinute) / 60_000);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    if (cost <= bucket.tokens) {
      bucket.tokens -= cost;
      return 0;
    }
    if (cost > this.perMinute) return 60;
    return Math.max(1, Math.ceil(((cost - bucket.tokens) * 60_000) / this.perMinute / 1000));
  }

  /**
   * Gives back `cost` that `take` spent from `key`'s bucket (never above the bucket's size): the
   * hub's fast path refunds a request it hands to Apollo after all, which charges it again.
   */
  refund(key: string, cost: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.perMinute, bucket.tokens + cost);
  }
}

/**
 * GitHub-style connection cost: a field with a `first`/`last` argument costs 1 plus its page size
 * times the cost of one item; every other field costs 1 plus its children. Page sizes are capped at
 * `maxPageSize` so an oversized `first` gets the schema's own BAD_USER_INPUT error, not a cost error.
 */
export function connectionEstimator(limits: Pick<SecurityLimits, "defaultPageSize" | "maxPageSize">): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const paged = field.args.some((arg) => arg.name === "first" || arg.name === "last");
    if (!paged) return undefined;
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
      // A field may declare its own cost (type-graphql's `complexity` option); analytics queries
      // cost what they compute (analyticsEstimator); connections multiply; every other field costs 1.
      estimators: [fieldExtensionsEstimator(), analyticsEstimator(), connectionEstimator(limits), simpleEstimator({ defaultComplexity: 1 })],
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
export function cachedOperationCost(limits: Pick<SecurityLimits, "defaultPageSize" | "maxPageSize">) {
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

/** An operation's cost with its variables, as cachedOperationCost computes it. */
export type OperationCostOf = ReturnType<typeof cachedOperationCost>;

/** The cost limit and the per-key rate limit, both decided once the operation is known. */
export function costPlugin(limits: SecurityLimits, limiter: CostRateLimiter, costOf: OperationCostOf = cachedOperationCost(limits)): ApolloServerPlugin<HubContext> {
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
              `Query cost ${cost} exceeds the cost limit of ${limits.maxCost} (each field costs 1, multiplied by the first/last of every connection above it; an analytics query costs its groups × (percentiles + 1) and the rows it reads): ask for smaller pages, fewer nested connections, or fewer groups and percentiles.`,
              limits.maxCost,
              400,
              { cost },
            );
          }
          const viewer = rc.contextValue.viewer;
          const key = viewer?.keyId ?? "anonymous";
          const wait = limiter.take(key, cost);
          if (wait > 0) {
            const refusal = limitError(
              "costPerMinute",
              `Rate limit of ${limits.costPerMinute} cost units per minute for ${viewer?.keyId ? `key ${viewer.keyId}` : "anonymous requests"} reached (this query costs ${cost}): retry in ${wait} s.`,
              limits.costPerMinute,
              429,
              { retryAfterSeconds: wait, cost },
            );
            (refusal.extensions.http as { headers: Map<string, string> }).headers.set("retry-after", String(wait));
            throw refusal;
          }
        },
      };
    },
  };
}
