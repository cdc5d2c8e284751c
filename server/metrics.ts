import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { HubDb } from "../db/connection.js";
import { onCycleTableRefresh } from "../db/cycles/cycle-table.cache.js";
import { onImportDone } from "../db/import/import.service.js";
import type { HubContext } from "../schema/context.js";

/** The operation label of a request without an operation name. */
export const ANONYMOUS_OPERATION = "(anonymous)";
/** The label of an operation name or error code beyond the caps (never a valid GraphQL name, so no operation can claim it). */
export const OTHER_LABEL = "(other)";
/** Operation names kept as labels per hub; later new names count as OTHER_LABEL. */
export const MAX_OPERATION_LABELS = 200;

// Operation names come from clients: only plain GraphQL names of modest length become labels, and
// only so many, so a client cannot grow the series without bound (no query text, no variables).
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// Codes come from the server, but a resolver's error could carry anything in extensions.code.
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The hub's request, error, cache and import metrics, in a registry of its own (tests and several hubs in one process do not collide). */
export interface HubMetrics {
  registry: Registry;
  /** Counts each GraphQL request by operation and outcome, its errors by code, and its latency. */
  plugin: ApolloServerPlugin<HubContext>;
  /**
   * Counts one answered GraphQL request as the plugin does (by operation and outcome, its errors by
   * code, its latency since `started`, a performance.now()): for the requests the hub's fast path
   * (server/fast-path.ts) answers without Apollo.
   */
  record(operationName: string | null | undefined, sent: readonly GraphQLFormattedError[], started: number): void;
  /** The Prometheus text exposition: this hub's metrics, then the process's. */
  scrape(): Promise<{ contentType: string; text: string }>;
  /** Stops listening to the database's cache refreshes and imports. */
  close(): void;
}

// Process metrics (CPU, memory, event loop, GC) belong to the process, not to a hub: collected once,
// into a registry of their own, and appended to every hub's scrape. A registry per hub would start
// one GC observer and event-loop monitor per hub.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
    // The default metrics have the heap and external memory, not the part of it in ArrayBuffers.
    new Gauge({
      name: "nodejs_array_buffers_bytes",
      help: "Memory of ArrayBuffers and Buffers (part of nodejs_external_memory_bytes), in bytes.",
      registers: [processRegistry],
      collect() {
        this.set(process.memoryUsage().arrayBuffers);
      },
    });
  }
  return processRegistry;
}

/** Creates the metrics of one hub on `db`: counts the refreshes of its cycle-table cache and the imports into it. */
export function createHubMetrics(db: HubDb): HubMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: "ighub_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or the extensions.code of the first error).",
    labelNames: ["operation", "outcome"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "ighub_graphql_request_duration_seconds",
    help: "GraphQL request latency from parsing to the response, by operation name.",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "ighub_graphql_errors_total",
    help: "GraphQL errors sent to clients, by extensions.code.",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "ighub_rate_limited_total",
    help: "Requests refused by the per-key cost rate limit (RATE_LIMITED).",
    registers: [registry],
  });
  const cacheRefresh = new Histogram({
    name: "ighub_cycle_cache_refresh_seconds",
    help: "Refreshes of the metrics cache (the columnar cycle table): full builds and deltas from the change log, with their durations.",
    labelNames: ["kind"] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const importedRows = new Counter({
    name: "ighub_import_rows_total",
    help: "Rows written by committed imports in this process, by kind (initiatives created, events added).",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  // Zero series up front, so a scrape shows them (and rates work) before the first event.
  for (const kind of ["build", "delta"]) cacheRefresh.zero({ kind });
  for (const kind of ["initiatives", "events"]) importedRows.inc({ kind }, 0);

  const operations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return ANONYMOUS_OPERATION;
    if (!OPERATION_NAME.test(name)) return OTHER_LABEL;
    if (operations.has(name)) return name;
    if (operations.size >= MAX_OPERATION_LABELS) return OTHER_LABEL;
    operations.add(name);
    return name;
  };
  const codeLabel = (code: unknown): string => (code === undefined ? "INTERNAL_SERVER_ERROR" : typeof code === "string" && ERROR_CODE.test(code) ? code : OTHER_LABEL);

  const count = (operation: string, sent: readonly GraphQLFormattedError[]) => {
    const codes = sent.map((error) => codeLabel(error.extensions?.code));
    requests.inc({ operation, outcome: codes[0] ?? "ok" });
    for (const code of codes) {
      errors.inc({ code });
      if (code === "RATE_LIMITED") rateLimited.inc();
    }
  };

  const record = (operationName: string | null | undefined, sent: readonly GraphQLFormattedError[], started: number) => {
    const operation = operationLabel(operationName);
    count(operation, sent);
    duration.observe({ operation }, (performance.now() - started) / 1000);
  };

  const plugin: ApolloServerPlugin<HubContext> = {
    // A request whose viewer cannot be resolved (a bad API key) never reaches requestDidStart.
    async contextCreationDidFail({ error }) {
      count(ANONYMOUS_OPERATION, [{ message: "", extensions: { code: (error as { extensions?: { code?: unknown } }).extensions?.code } }]);
    },
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          // The errors as sent: formatError has already given limit errors their final codes.
          record(requestContext.operationName ?? requestContext.request.operationName, (body.kind === "single" ? body.singleResult.errors : body.initialResult.errors) ?? [], started);
        },
      };
    },
  };

  const stopRefreshes = onCycleTableRefresh((refresh) => {
    if (refresh.conn === db.sql) cacheRefresh.observe({ kind: refresh.kind }, refresh.ms / 1000);
  });
  const stopImports = onImportDone(({ db: target, result }) => {
    if (target !== db || !result.committed || result.dryRun) return;
    importedRows.inc({ kind: "initiatives" }, result.initiativesCreated);
    importedRows.inc({ kind: "events" }, result.eventsAdded);
  });

  return {
    registry,
    plugin,
    record,
    async scrape() {
      const [own, process] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return { contentType: registry.contentType, text: `${own.replace(/\n*$/, "\n")}${process}` };
    },
    close() {
      stopRefreshes();
      stopImports();
    },
  };
}
