import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { HubContext, WorkTurns } from "../../schema/context.js";
import { LIMIT_CODES, limitError, type SecurityLimits } from "./limits.js";
import { checkTimeLimit } from "./time-limit.plugin.js";

/**
 * Heavy work shares the event loop fairly with light requests (issue 12, point 2). Two parts:
 *
 * - a concurrency limit: at most `heavyConcurrency` heavy operations (exports, and GraphQL
 *   operations that select an analytics field) run at once; up to `heavyQueue` more wait their
 *   turn in arrival order; beyond that a request is refused at once with 503 SERVER_BUSY and a
 *   Retry-After, before it does any work. This bounds the memory and CPU heavy work can take.
 * - yielding: heavy work gives the event loop back between its chunks (an export between its pages,
 *   an analytics kernel every HEAVY_SLICE_MS of work), so a light request that arrives meanwhile
 *   waits for one chunk of each running heavy operation, not for the whole of them. The analytics
 *   fields of one query run one after another (their kernels' working sets are not all alive at
 *   once), and a kernel stops at its next turn once the request's time limit is spent.
 *
 * The trade-off (README, "Fair sharing"): heavy requests queue behind each other and take a little
 * longer (a macrotask hop per chunk), and a queued GraphQL operation's wait counts against its
 * time limit; light requests are never queued.
 */

/** Root fields whose resolvers run a metric kernel over the whole cycle table. */
export const ANALYTICS_FIELDS: ReadonlySet<string> = new Set(["cycleTimes", "signOffTimes", "flow", "compareCohorts", "timeSaved", "agreementRegister"]);

/** Seconds a refused client is told to wait before trying again. */
export const BUSY_RETRY_SECONDS = 2;

/** Runs at most `concurrency` holders at once; up to `queue` more wait in arrival order. */
export class HeavyWorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  /** Operations running and waiting now (tests and /metrics read it). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * A slot: resolves with its release function (idempotent) once the work may start, or returns
   * null at once when `concurrency` are running and `queue` already wait.
   */
  acquire(): Promise<() => void> | null {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queue) return null;
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (running stays the same).
      if (next) next();
      else this.running--;
    };
  }
}

/** The refusal when the queue is full: 503 SERVER_BUSY with Retry-After (GraphQL error shape). */
export function busyMessage(limiter: HeavyWorkLimiter): string {
  return `The hub is busy: ${limiter.concurrency} heavy operations (exports, analytics queries) are running and ${limiter.queue} are waiting, the most it queues. Retry in ${BUSY_RETRY_SECONDS} s.`;
}

/** The error body `{ errors: [...] }` and headers of a busy refusal, for the HTTP routes. */
export function busyAnswer(limiter: HeavyWorkLimiter): { status: 503; body: unknown; headers: Record<string, string> } {
  return {
    status: 503,
    body: { errors: [{ message: busyMessage(limiter), extensions: { code: LIMIT_CODES.heavyQueue, limit: limiter.queue, retryAfterSeconds: BUSY_RETRY_SECONDS } }] },
    headers: { "retry-after": String(BUSY_RETRY_SECONDS) },
  };
}

/** True when the operation selects an analytics field at its root (through fragments too). */
export function selectsAnalytics(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return ANALYTICS_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      const name = s.name.value;
      if (seen.has(name) || !fragments[name]) return false;
      seen.add(name);
      return visit(fragments[name].selectionSet);
    });
  return visit(operation.selectionSet);
}

/**
 * Takes a heavy-work slot for each query that selects an analytics field, once the operation is
 * known and has passed the cost and rate limits (so a refused query never waits), and gives it back
 * when the answer is sent. A full queue is refused with 503 SERVER_BUSY and Retry-After.
 */
export function heavyWorkPlugin(limiter: HeavyWorkLimiter): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      let answered = false;
      return {
        // Beside the cost plugin's hook (Apollo runs them together): when that one refuses the
        // query, the answer goes out while this one may still wait; the slot, once granted, is then
        // given back at once.
        async didResolveOperation(rc) {
          if (!rc.operation || rc.operation.operation !== "query" || !selectsAnalytics(rc.operation, fragmentsOf(rc.document.definitions))) return;
          const slot = limiter.acquire();
          if (!slot) {
            const refusal = limitError("heavyQueue", busyMessage(limiter), limiter.queue, 503, { retryAfterSeconds: BUSY_RETRY_SECONDS });
            (refusal.extensions.http as { headers: Map<string, string> }).headers.set("retry-after", String(BUSY_RETRY_SECONDS));
            throw refusal;
          }
          const granted = await slot;
          if (answered) granted();
          else release = granted;
        },
        async willSendResponse() {
          answered = true;
          release?.();
        },
      };
    },
  };
}

function fragmentsOf(definitions: readonly { kind: Kind }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[(d as FragmentDefinitionNode).name.value] = d as FragmentDefinitionNode;
  return fragments;
}

const YIELDING = Symbol("ighub.heavyYield");

/** Heavy steps waiting for their turn of the event loop, and whether a turn is scheduled. */
const turns: (() => void)[] = [];
let turnScheduled = false;

/** Lets the first waiting step run, then schedules the next turn (a setImmediate set now runs on the loop's next pass, after its I/O). */
function grantTurn(): void {
  turns.shift()?.();
  if (turns.length > 0) setImmediate(grantTurn);
  else turnScheduled = false;
}

/**
 * Resolves on a later pass of the event loop than any other step waiting here: one heavy step per
 * pass, with the I/O of other requests (light queries) handled between them. Plain
 * `setImmediate` is not enough: graphql-js starts every root field of a query at once, and
 * immediates queued together all run in the same pass, so 15 aliases would run back to back.
 */
export function nextHeavyTurn(): Promise<void> {
  return new Promise((resolve) => {
    turns.push(resolve);
    if (!turnScheduled) {
      turnScheduled = true;
      setImmediate(grantTurn);
    }
  });
}

/** Work an analytics kernel does between two turns of the event loop (ms). */
export const HEAVY_SLICE_MS = 10;

/** The turns an analytics kernel of the request `ctx` takes: the fair queue of heavy steps, then its time limit. */
function turnsOf(ctx: object): WorkTurns {
  return {
    sliceMs: HEAVY_SLICE_MS,
    turn: async () => {
      await nextHeavyTurn();
      checkTimeLimit(ctx);
    },
  };
}

/** The last analytics field started per request (its context): the next one starts after it settles. */
const lastField = new WeakMap<object, Promise<unknown>>();

/** Runs `work` once the request's previous analytics field has settled (fields of one query one at a time). */
function afterPrevious<T>(ctx: object, work: () => Promise<T>): Promise<T> {
  const previous = lastField.get(ctx);
  const run = previous ? previous.then(work) : work();
  lastField.set(
    ctx,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Makes each analytics root field of a query run after the previous one has settled, wait for
 * its own turn of the event loop (nextHeavyTurn) before its kernel starts, and gives its kernel
 * the request's turns (`ctx.turns`: a turn every HEAVY_SLICE_MS of work, the time limit checked
 * at each), so a heavy query is many short steps other requests run between. Idempotent.
 */
export function applyHeavyYield(schema: GraphQLSchema): GraphQLSchema {
  if ((schema as unknown as Record<symbol, boolean>)[YIELDING]) return schema;
  const query = schema.getQueryType();
  for (const field of Object.values(query?.getFields() ?? {})) {
    const inner = field.resolve;
    if (!inner || !ANALYTICS_FIELDS.has(field.name)) continue;
    field.resolve = (source, args, ctx, info) => {
      const context = ctx as HubContext;
      context.turns ??= turnsOf(context);
      return afterPrevious(context, async () => {
        await nextHeavyTurn();
        return inner(source, args, ctx, info);
      });
    };
  }
  Object.defineProperty(schema, YIELDING, { value: true });
  return schema;
}

/** The limiter of one hub, from its limits. */
export function createHeavyWorkLimiter(limits: Pick<SecurityLimits, "heavyConcurrency" | "heavyQueue">): HeavyWorkLimiter {
  return new HeavyWorkLimiter(limits.heavyConcurrency, limits.heavyQueue);
}
