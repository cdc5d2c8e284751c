import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from "graphql";
import type { HubContext } from "../../schema/context.js";
import { cachedOperationCost, CostRateLimiter, costPlugin, type OperationCostOf } from "./cost.plugin.js";
import { applyHeavyYield, createHeavyWorkLimiter, heavyWorkPlugin, type HeavyWorkLimiter } from "./heavy-work.js";
import { DEFAULT_LIMITS, LIMIT_CODES, limitError, type SecurityLimits } from "./limits.js";
import { legacyJsonStatusPlugin } from "./status.plugin.js";
import { applyTimeLimit, startTimeLimit, timeLimitPlugin, type TimeLimitRun } from "./time-limit.plugin.js";

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
    stringifyResult: (value: FormattedExecutionResult) => string;
  };
  /** The per-key cost buckets (per instance; tests inspect it). */
  rateLimiter: CostRateLimiter;
  /** The heavy-work slots (exports and analytics queries) shared by /graphql and the export routes. */
  heavyWork: HeavyWorkLimiter;
  /** An operation's cost with its variables (remembered per document; the cost plugin's own). */
  costOf: OperationCostOf;
  /** Starts a request's time budget on its context (what the time-limit plugin does when a request starts). */
  startTimeLimit(ctx: object): TimeLimitRun;
  /** Prepares a schema for these limits (the time limit's resolver checks); call before serving it. */
  instrument(schema: GraphQLSchema): GraphQLSchema;
}

/** The start of Apollo's CSRF-prevention refusal (@apollo/server preventCsrf). */
const APOLLO_CSRF_REFUSAL = "This operation has been blocked as a potential Cross-Site Request Forgery";
/**
 * What the hub says instead: Apollo's words name no header a client can copy. CSRF prevention
 * stays on (a GET or form request without a preflight-forcing header is what a hostile page can
 * send); urql sends short queries as such GETs by default, hence the client hint.
 */
export const CSRF_REFUSAL =
  "Refused as a possible cross-site request forgery (CSRF): send the header `apollo-require-preflight: true` with this request, " +
  "or POST it as JSON with `content-type: application/json`. (urql sends short queries as GET: give it `preferGetMethod: false` or that header; see the README, \"GraphQL clients\".)";

/** graphql-js's parser message for a document over maxTokens (graphql 16 writes "more that"; "than" once the typo is fixed). */
const TOKEN_ERROR = /Document contains more that? (\d+) tokens/;

/** True when every operation of the document selects only introspection fields (`__schema`, `__type`, `__typename`) at its root. */
function introspectionOnly(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 0 && operations.every((op) => op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__")));
}

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
      (ctx: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => {
        ctx?.reportError(limitError(kind, describe(error.message.replace(/^Syntax Error: /, "")), limits[kind]));
      },
    ],
  });
  const depthReporter = reporter("maxDepth", (armorMessage) => `${armorMessage} The depth limit is ${limits.maxDepth}: split the query into shallower ones.`);
  const reportDepth = depthReporter.onReject[0]!;
  const armor = new ApolloArmor({
    // Introspection counts like any other field (Armor skips `__schema` unless told otherwise, which
    // let `__schema { types { fields { type { fields … } } } }` nest without bound). A document of
    // introspection fields only (a GraphQL tool reading the schema: getIntrospectionQuery is 21
    // deep as Armor counts) has its own, larger limit.
    maxDepth: {
      ...depthReporter,
      ignoreIntrospection: false,
      onReject: [
        (ctx: { reportError(error: GraphQLError): void; getDocument?(): DocumentNode } | null, error: GraphQLError) => {
          const found = Number(/found (\d+)/.exec(error.message)?.[1]);
          const document = ctx?.getDocument?.();
          if (document && introspectionOnly(document)) {
            if (found <= limits.maxIntrospectionDepth) return;
            ctx!.reportError(
              limitError("maxDepth", `Introspection depth limit of ${limits.maxIntrospectionDepth} exceeded, found ${found}. The introspection depth limit is ${limits.maxIntrospectionDepth}.`, limits.maxIntrospectionDepth),
            );
            return;
          }
          reportDepth(ctx, error);
        },
      ],
    },
    // `__typename` aliases count too (Armor's default allow-list skips them).
    maxAliases: { ...reporter("maxAliases", (armorMessage) => `${armorMessage} The alias limit is ${limits.maxAliases}: send several smaller queries.`), allowList: [] },
    maxDirectives: reporter("maxDirectives", (armorMessage) => `${armorMessage} The directive limit is ${limits.maxDirectives}.`),
    // Tokens are limited by graphql-js's parser (parseOptions) and cost by costPlugin, with variables.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();
  const limiter = new CostRateLimiter(limits.costPerMinute, now);
  const heavyWork = createHeavyWorkLimiter(limits);
  const costOf = cachedOperationCost(limits);

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    if (typeof extensions.securityCode === "string") {
      extensions.code = extensions.securityCode;
      delete extensions.securityCode;
      // An expected refusal, not a failure: no stack trace even in development.
      delete extensions.stacktrace;
      return { ...formatted, extensions };
    }
    if (TOKEN_ERROR.test(formatted.message)) {
      return {
        message: `The query has more than ${limits.maxTokens} tokens, the token limit: shorten it or split it.`,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: LIMIT_CODES.maxTokens, limit: limits.maxTokens },
      };
    }
    if (formatted.message.startsWith(APOLLO_CSRF_REFUSAL)) {
      return { message: CSRF_REFUSAL, extensions: { code: "BAD_REQUEST" } };
    }
    if (formatted.message === "Operation batching disabled.") {
      return {
        message: "Batched requests are off: send one operation per request (a JSON object, not an array).",
        extensions: { code: LIMIT_CODES.batching },
      };
    }
    if (extensions.code === "INTERNAL_SERVER_ERROR" || extensions.code === undefined) {
      options.logError?.(error);
      if (options.production) {
        // Never the message, path details or stack of an unexpected error: they can leak internals.
        return { message: "Internal server error: the request could not be completed. The error has been logged.", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
      }
    }
    // Stack traces help only with unexpected errors, and only in development; an error with a
    // client code (BAD_USER_INPUT, FORBIDDEN, ...) is an answer, not a failure.
    if (options.production || extensions.code !== "INTERNAL_SERVER_ERROR") delete extensions.stacktrace;
    return { ...formatted, extensions };
  };

  return {
    limits,
    rateLimiter: limiter,
    heavyWork,
    costOf,
    startTimeLimit: (ctx) => startTimeLimit(ctx, limits, now),
    // Time limit inside, yield outside: a metric field that waited its turn checks the clock after.
    instrument: (schema) => applyHeavyYield(applyTimeLimit(schema)),
    apollo: {
      plugins: [...protection.plugins, costPlugin(limits, limiter, costOf), heavyWorkPlugin(heavyWork), timeLimitPlugin(limits, now), legacyJsonStatusPlugin()] as ApolloServerPlugin<HubContext>[],
      validationRules: protection.validationRules,
      parseOptions: { maxTokens: limits.maxTokens },
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: !options.production,
      formatError,
      stringifyResult: (value) => limitedJson(value, limits.maxResponseBytes),
    },
  };
}

/**
 * Apollo's own serialisation (JSON and a newline), or one RESPONSE_TOO_LARGE error in its place when
 * the answer would be larger than `maxBytes` (or too large for a JavaScript string at all).
 */
export function limitedJson(value: FormattedExecutionResult, maxBytes: number): string {
  let text: string | null;
  try {
    text = JSON.stringify(value) + "\n";
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    text = null;
  }
  // A UTF-8 byte is at least one UTF-16 unit and at most three: count bytes only in between.
  if (text !== null && (text.length * 3 <= maxBytes || (text.length <= maxBytes && Buffer.byteLength(text) <= maxBytes))) return text;
  const size = text === null ? "more than a JavaScript string holds" : `${Buffer.byteLength(text)} bytes`;
  return (
    JSON.stringify({
      data: null,
      errors: [
        {
          message: `The answer (${size}) is larger than the response limit of ${maxBytes} bytes: ask for fewer fields, groups or smaller pages.`,
          extensions: { code: LIMIT_CODES.maxResponseBytes, limit: maxBytes },
        },
      ],
    }) + "\n"
  );
}
