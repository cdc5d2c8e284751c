import type { ApolloServerPlugin } from "@apollo/server";
import { isObjectType, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { HubContext } from "../../schema/context.js";
import { LIMIT_CODES, limitError, type SecurityLimits } from "./limits.js";

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
 * stops the work, and the response becomes one TIME_LIMIT_EXCEEDED error with `data: null` and
 * status 200 instead of a partial result with hundreds of errors. The deadline is checked by the
 * schema's own resolvers (see `applyTimeLimit`), not by a `willResolveField` hook: such a hook
 * makes Apollo instrument every field of every request, which cost the hub a fifth of its
 * throughput. It is checked once more when the response is about to be sent, so a request whose
 * last step ran past the budget (one long resolver, or graphql-jit's compiled code, which reads
 * plain fields without a resolver) answers the same way on both execution paths.
 */
export function timeLimitPlugin(limits: SecurityLimits, now: () => number): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart(rc) {
      const run = startTimeLimit(rc.contextValue as object, limits, now);
      let executedQuery = false;
      return {
        async executionDidStart(rc) {
          executedQuery = rc.operation?.operation === "query";
        },
        async willSendResponse(rc) {
          if (!run.overran(executedQuery)) return;
          if (rc.response.body.kind !== "single") return;
          // Thrown resolver errors carry status 400 (limitError); the answer is 200, as documented.
          rc.response.http.status = 200;
          rc.response.body.singleResult = run.answer();
        },
      };
    },
  };
}

/** One request's run against the clock (see timeLimitPlugin). */
export interface TimeLimitRun {
  /** True when the answer must be the TIME_LIMIT_EXCEEDED error: a resolver found the budget spent, or an executed query finished past it. */
  overran(executedQuery: boolean): boolean;
  /** That answer: `data: null` and the one error (status 200). */
  answer(): { data: null; errors: GraphQLFormattedError[] };
}

/**
 * Starts the time budget of the request whose context is `ctx` (the resolvers' checkTimeLimit
 * reads it): what timeLimitPlugin does when a request starts, and the hub's fast path
 * (server/fast-path.ts) for the requests it answers itself.
 */
export function startTimeLimit(ctx: object, limits: Pick<SecurityLimits, "timeLimitMs">, now: () => number): TimeLimitRun {
  const state: Deadline = {
    deadline: now() + limits.timeLimitMs,
    exceeded: false,
    now,
    limit: limits.timeLimitMs,
    message: `The request exceeded the time limit of ${limits.timeLimitMs} ms: ask for less (smaller pages, fewer nested fields) or narrow the filters.`,
  };
  deadlines.set(ctx, state);
  return {
    // Only an executed query ran against the clock: a refusal before execution keeps its answer,
    // and a mutation that finished late has written, so it keeps its result.
    overran: (executedQuery) => state.exceeded || (executedQuery && state.now() > state.deadline),
    answer: () => ({ data: null, errors: [{ message: state.message, extensions: { code: LIMIT_CODES.timeLimitMs, limit: state.limit } }] }),
  };
}

/**
 * Throws TIME_LIMIT_EXCEEDED (and marks the request, so its answer becomes that one error) when the
 * request whose context is `ctx` has spent its time budget; nothing for a context without one.
 * Resolvers check it before they run, and a sliced analytics kernel at each of its turns.
 */
export function checkTimeLimit(ctx: object): void {
  const state = deadlines.get(ctx);
  if (state && (state.exceeded || state.now() > state.deadline)) {
    state.exceeded = true;
    throw limitError("timeLimitMs", state.message, state.limit);
  }
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
        checkTimeLimit(ctx as object);
        return inner(source, args, ctx, info);
      };
    }
  }
  Object.defineProperty(schema, TIMED, { value: true });
  return schema;
}
