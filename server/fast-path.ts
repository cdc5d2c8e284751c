import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from "@apollo/server";
import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { describeDataset } from "../db/dataset.js";
import type { HubContext } from "../schema/context.js";
import type { Executor } from "./execute.js";
import type { HubMetrics } from "./metrics.js";
import { selectsAnalytics } from "./security/heavy-work.js";
import type { HubSecurity } from "./security/hub-security.js";

/**
 * Query texts remembered at most, and their characters in all (a text padded with whitespace or
 * comments is within the token limit but not small); past either the memory starts again, so a
 * stream of one-off queries costs nothing. A dashboard sends a few dozen texts.
 */
const MAX_DOCUMENTS = 200;
const MAX_TEXT_CHARS = 4_000_000;
/** A longer text is not remembered (Apollo answers it every time). */
const MAX_TEXT_LENGTH = 100_000;
/** Accept headers whose answer type is remembered at most. */
const MAX_ACCEPTS = 64;

/** A query text Apollo parsed and validated, and its operations by name ("\n" for none) once looked at: null when not for the fast path. */
interface Known {
  document: DocumentNode;
  operations: Map<string, Operation | null>;
}

/** A query operation for the fast path; `heavy` when it selects an analytics field (it takes a heavy-work slot). */
interface Operation {
  operation: OperationDefinitionNode;
  heavy: boolean;
}

/** What the fast path needs from the hub. */
export interface FastPathOptions {
  schema: GraphQLSchema;
  /** The executor Apollo runs (compiledExecution's), shared so both paths run one compiled code per document. */
  executor: Executor;
  security: HubSecurity;
  metrics: HubMetrics;
  /** A request's context from its headers, as Apollo's path builds it (the viewer from the key, every request). */
  context: (headers: HeaderMap) => Promise<HubContext>;
}

/** The hub's fast path for the common request; see createFastPath. */
export interface FastPath {
  /** The executor to give Apollo: the shared one, remembering each query text that reaches execution (it was parsed and validated). */
  executor: Executor;
  /** The answer to `request`, or null when Apollo must answer it (the request is unusual, or something on the way was). */
  answer(request: HTTPGraphQLRequest): Promise<HTTPGraphQLResponse | null>;
  /** Remembers the content type Apollo chose for a request's Accept header (its answers to it all have that one). */
  learn(request: HTTPGraphQLRequest, response: HTTPGraphQLResponse): void;
}

/**
 * The cheapest path for the common request: a POST of `{query, variables?, operationName?}` as
 * JSON, or a GET of those parameters with a preflight header, whose query text Apollo has already
 * parsed and validated (every validation rule: depth, aliases, directives, tokens), naming a query
 * operation, is answered without Apollo's per-request pipeline (request parsing, the SHA-256 of the
 * text for its document store, a dozen plugins' hooks), with every effect that pipeline gives it:
 *
 * - the viewer from the request's key on every request (a bad key: Apollo answers, 401);
 * - the cost with these variables against the cost limit, then the per-key rate limit (a refusal:
 *   Apollo answers, so 400/429 and Retry-After come from one place);
 * - a heavy-work slot for an analytics query, held while it runs (a full queue: Apollo answers, 503);
 * - the time limit from the request's start (its one TIME_LIMIT_EXCEEDED answer, status 200);
 * - the synthetic dataset label in `extensions`, the answer serialised by the hub's stringifyResult
 *   (the response size limit), the content type Apollo chose for this Accept header;
 * - the Prometheus request, error and latency series (metrics.record).
 *
 * Anything else goes to Apollo as before: other bodies and parameters (extensions such as APQ,
 * batches), an Accept header Apollo has not answered yet, a text first seen, mutations,
 * subscriptions, introspection, cost or rate refusals. A result with errors is not answered here:
 * the charge is refunded and Apollo runs the request again (queries only read), so every error is
 * worded, coded and logged by Apollo's formatting.
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const { schema, security, metrics } = options;
  const documents = new Map<string, Known>();
  let textChars = 0;
  const contentTypes = new Map<string, string>();

  const executor: Executor = (rc) => {
    const query = rc.request.query;
    if (query && rc.document && query.length <= MAX_TEXT_LENGTH && !documents.has(query)) {
      if (documents.size >= MAX_DOCUMENTS || textChars + query.length > MAX_TEXT_CHARS) {
        documents.clear();
        textChars = 0;
      }
      documents.set(query, { document: rc.document, operations: new Map() });
      textChars += query.length;
    }
    return options.executor(rc);
  };

  const operationOf = (known: Known, operationName: string | undefined): Operation | null => {
    // No name and an empty name differ (graphql-js finds no operation named ""): a newline is in no name.
    const key = operationName ?? "\n";
    let operation = known.operations.get(key);
    if (operation === undefined) {
      const found = getOperationAST(known.document, operationName);
      const fragments = fragmentsOf(known.document);
      operation = found && ordinaryQuery(found, fragments) ? { operation: found, heavy: selectsAnalytics(found, fragments) } : null;
      known.operations.set(key, operation);
    }
    return operation;
  };

  return {
    executor,
    learn(request, response) {
      if ((response.status ?? 200) !== 200 || response.body.kind !== "complete") return;
      const type = response.headers.get("content-type");
      const accept = request.headers.get("accept") ?? "";
      if (!type || contentTypes.has(accept) || contentTypes.size >= MAX_ACCEPTS) return;
      contentTypes.set(accept, type);
    },
    async answer(http) {
      const body = http.method === "POST" ? postedRequest(http) : http.method === "GET" ? searchRequest(http) : null;
      if (!body) return null;
      const contentType = contentTypes.get(http.headers.get("accept") ?? "");
      const known = documents.get(body.query);
      if (!contentType || !known) return null;
      const operationName = body.operationName ?? undefined;
      const chosen = operationOf(known, operationName);
      if (!chosen) return null;
      const { operation, heavy } = chosen;
      let contextValue: HubContext;
      try {
        contextValue = await options.context(http.headers);
      } catch {
        return null; // Apollo asks again and answers the refusal (401), counted by contextCreationDidFail.
      }
      const started = performance.now();
      // As the time-limit plugin, from the request's start: a wait for a heavy-work slot counts.
      const clock = security.startTimeLimit(contextValue);
      const request = { query: body.query, variables: body.variables ?? undefined, operationName, http };
      const document = known.document;
      const cost = security.costOf({ schema, document, request });
      if (cost === null || cost > security.limits.maxCost) return null;
      const key = contextValue.viewer?.keyId ?? "anonymous";
      if (security.rateLimiter.take(key, cost) > 0) return null;
      let release: (() => void) | undefined;
      if (heavy) {
        const slot = security.heavyWork.acquire();
        if (!slot) {
          // The queue is full: Apollo charges the request again and refuses it (503 SERVER_BUSY).
          security.rateLimiter.refund(key, cost);
          return null;
        }
        release = await slot;
      }
      let result: ExecutionResult;
      try {
        result = await options.executor({ schema, document, operation, operationName: operation.name?.value ?? null, request, context: contextValue } as unknown as Parameters<Executor>[0]);
      } catch {
        result = { errors: [] };
      } finally {
        release?.();
      }
      let answer: FormattedExecutionResult;
      if (clock.overran(true)) answer = clock.answer();
      else if (result.errors || result.data == null) {
        security.rateLimiter.refund(key, cost);
        return null;
      } else answer = result.extensions ? { data: result.data, extensions: result.extensions } : { data: result.data };
      metrics.record(operation.name?.value || operationName, answer.errors ?? [], started);
      const dataset = describeDataset(contextValue.db);
      if (dataset.synthetic) answer.extensions = { ...answer.extensions, dataset: { kind: dataset.kind, synthetic: true } };
      // Apollo's field order (errors, data, extensions) and its serialiser, the hub's.
      const text = await security.apollo.stringifyResult({ errors: answer.errors, data: answer.data, extensions: answer.extensions });
      return { status: 200, headers: new HeaderMap([["content-type", contentType]]), body: { kind: "complete", string: text } };
    },
  };
}

/** What a request asks: its query text, variables and operation name. */
interface Asked {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const JSON_TYPE = /^application\/(graphql-response\+)?json\b/i;

/** A POST the fast path takes: a JSON body (so no CSRF refusal) of a non-empty `query`, maybe `variables` (an object) and `operationName`, nothing else. */
function postedRequest(http: HTTPGraphQLRequest): Asked | null {
  return JSON_TYPE.test(http.headers.get("content-type") ?? "") && plainRequest(http.body) ? http.body : null;
}

/**
 * A GET the fast path takes: no content type and a non-empty `apollo-require-preflight` or
 * `x-apollo-operation-name` header (else Apollo's CSRF prevention or 415 answers), a non-empty
 * `query` parameter, maybe `variables` (a JSON object) and `operationName`, each once, nothing else.
 */
function searchRequest(http: HTTPGraphQLRequest): Asked | null {
  if (http.headers.get("content-type") !== undefined) return null;
  if (!http.headers.get("apollo-require-preflight") && !http.headers.get("x-apollo-operation-name")) return null;
  const asked: { query?: string; variables?: string; operationName?: string } = {};
  for (const [name, value] of new URLSearchParams(http.search)) {
    if ((name !== "query" && name !== "variables" && name !== "operationName") || asked[name] !== undefined) return null;
    asked[name] = value;
  }
  if (!asked.query) return null;
  let variables: unknown;
  if (asked.variables !== undefined) {
    try {
      variables = JSON.parse(asked.variables);
    } catch {
      return null;
    }
    if (typeof variables !== "object" || variables === null || Array.isArray(variables)) return null;
  }
  return { query: asked.query, variables: variables as Record<string, unknown> | undefined, operationName: asked.operationName };
}

/** A POST body the fast path takes: a JSON object of a non-empty `query`, maybe `variables` (an object) and `operationName`, nothing else. */
function plainRequest(body: unknown): body is Asked {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { query, variables, operationName } = body as Record<string, unknown>;
  let keys = 0;
  for (const key in body) {
    if (key !== "query" && key !== "variables" && key !== "operationName") return false;
    keys++;
  }
  return (
    keys > 0 &&
    typeof query === "string" &&
    query !== "" &&
    (variables === undefined || variables === null || (typeof variables === "object" && !Array.isArray(variables))) &&
    (operationName === undefined || operationName === null || typeof operationName === "string")
  );
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

/** A query that selects no introspection field (`__schema`, `__type`, `__typename`) at its root (through fragments too). */
function ordinaryQuery(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  if (operation.operation !== "query") return false;
  const seen = new Set<string>();
  const introspects = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value.startsWith("__");
      if (s.kind === Kind.INLINE_FRAGMENT) return introspects(s.selectionSet);
      const fragment = fragments[s.name.value];
      if (seen.has(s.name.value) || !fragment) return false;
      seen.add(s.name.value);
      return introspects(fragment.selectionSet);
    });
  return !introspects(operation.selectionSet);
}
