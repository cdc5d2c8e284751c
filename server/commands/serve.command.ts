import type { Command } from "commander";
import type { Server } from "node:http";
import { openDb } from "../../db/connection.js";
import { prepareDatabase } from "../../db/prepare.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { cycleTableBytes } from "../memory.js";

/** How long after listening the metrics cache warm-up waits for a first request before starting anyway. */
const WARM_IDLE_MS = 100;

interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
}

/**
 * `hub serve`: opens (and migrates) the database, loads reference data and — on a fresh database —
 * the synthetic demo data, then serves GraphQL and the playground until SIGINT/SIGTERM, when it
 * stops accepting, drains requests in flight and closes Apollo and the database.
 */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Serve the GraphQL API (/graphql) and the offline playground (/) on the hub's database (a SQLite file or PostgreSQL).")
    .option("--port <n>", "TCP port (default: PORT or 4000)")
    .option("--host <address>", "address to bind (default: HOST or 127.0.0.1)")
    .option("--db <path>", "SQLite database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action(async (opts: ServeOptions) => {
      // Flags go through the same validation as the environment, so `--port x` fails like PORT=x.
      const config = loadConfig(
        {
          ...process.env,
          ...(opts.port !== undefined ? { PORT: opts.port } : {}),
          ...(opts.host !== undefined ? { HOST: opts.host } : {}),
        },
        // --db wins over DATABASE_URL and IGHUB_DB, as it does for the other commands.
        opts.db !== undefined ? { dbPath: opts.db } : {},
      );
      const logger = createLogger(config);
      // The GraphQL schema is loaded here, not when the CLI starts: other commands do not pay for it.
      const [{ createHub }, { getCycleTableSync, warmCycleCache, warmSignoffs, onCycleTableRefresh }, { listenForMetrics }] = await Promise.all([import("../app.js"), import("../../db/cycles/index.js"), import("../metrics.routes.js")]);
      const db = openDb(config.dbPath);
      let hub: Awaited<ReturnType<typeof createHub>>;
      try {
        const prepared = prepareDatabase(db, { seedDemo: config.seedDemo });
        logger.info({ db: db.path, dialect: db.dialect, ...prepared }, "database ready");
        hub = await createHub({ config, db, logger });
      } catch (err) {
        db.close();
        throw err;
      }
      // METRICS_PORT: /metrics without an API key on a port of its own (e.g. one only the scraper's network reaches).
      let metricsServer: Server | undefined;
      if (config.metricsPort !== undefined) {
        try {
          metricsServer = await listenForMetrics(hub.metrics, config.host, config.metricsPort);
        } catch (err) {
          await hub.close();
          db.close();
          throw err;
        }
        logger.info({ port: config.metricsPort }, `metrics on http://${config.host}:${config.metricsPort}/metrics`);
      }
      logger.info({ url: hub.url, playground: hub.url.replace(/\/graphql$/, "/") }, `hub listening on ${hub.url} (playground ${hub.url.replace(/\/graphql$/, "/")})`);

      let stopping = false;
      let warming = false;
      // Warm the metrics cache once listening, so the first dashboard query does not pay the cold
      // build. Never before listening (readiness does not wait for it), and not ahead of the first
      // request either: the build holds the event loop (~0.3 s on the demo set, ~2 s on the large
      // one), so whoever asks first at start (a readiness probe, a client waiting for the port) is
      // answered first. It starts after that answer, or after WARM_IDLE_MS without a request.
      // Failures are logged, not fatal.
      const warm = () => {
        if (stopping || warming) return;
        warming = true;
        clearTimeout(idle);
        const started = performance.now();
        warmCycleCache(db)
          .then((warmed) => {
            const ms = Math.round(performance.now() - started);
            if (warmed.snapshotIgnored) logger.warn({ reason: warmed.snapshotIgnored }, "the stored metrics snapshot was not used; built in full instead");
            // What the warmed table holds, in bytes (the table is current: this reads only its version).
            const bytes = cycleTableBytes(getCycleTableSync(db.sql));
            logger.info({ ...warmed, ms, columnBytes: bytes.columns, signoffBytes: bytes.signoffs }, `metrics cache warmed in ${ms} ms (${warmed.rows} stage cycles, ${warmed.signoffs} sign-offs, ${warmed.source === "snapshot" ? "from the stored snapshot" : "read in full"})`);
            if (!stopping) stopRewarming = onCycleTableRefresh((refresh) => {
              if (refresh.conn === db.sql && refresh.kind === "build") setImmediate(rewarmSignoffs);
            });
          })
          .catch((err: unknown) => {
            if (!stopping) logger.warn({ err }, "metrics cache warm-up failed; the first metrics query will build it");
          });
      };
      // A full rebuild (an import, a change the log cannot replay) makes a table without sign-offs:
      // they are read again on a later turn of the event loop, so that the query that caused the
      // rebuild is answered first and the next signOffTimes finds them warm.
      let stopRewarming: (() => void) | undefined;
      const rewarmSignoffs = () => {
        if (stopping) return;
        const started = performance.now();
        try {
          const signoffs = warmSignoffs(db.sql);
          const ms = Math.round(performance.now() - started);
          if (signoffs !== undefined) logger.info({ signoffs, ms }, `sign-offs warmed after a full rebuild in ${ms} ms (${signoffs} sign-offs)`);
        } catch (err) {
          logger.warn({ err }, "sign-off warm-up after a full rebuild failed; the next signOffTimes will read them");
        }
      };
      const idle = setTimeout(warm, WARM_IDLE_MS);
      hub.server.once("request", (_req, res) => res.once("close", () => setImmediate(warm)));
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        stopRewarming?.();
        logger.info({ signal }, "shutting down: draining requests in flight");
        metricsServer?.close();
        hub
          .close()
          .then(() => {
            db.close();
            process.exit(0);
          })
          .catch((err) => {
            logger.error({ err }, "shutdown failed");
            process.exit(1);
          });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
