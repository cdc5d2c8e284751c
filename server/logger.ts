import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger } from "pino";
import type { HubConfig } from "./config.js";

export type { Logger } from "pino";

/** Where log lines go: stdout, or a test's stream. `isTTY` decides the "auto" format. */
export type LogDestination = DestinationStream & { isTTY?: boolean };

/**
 * The hub's logger at the configured level. JSON lines (pino's own) for machines and log
 * collectors; for a person, one line per event through pino-pretty — local time, level,
 * message, the event's fields on the same line, coloured when the terminal takes colour.
 * `logFormat` "auto" (LOG_FORMAT unset) picks pretty when the destination is a terminal.
 */
export function createLogger(config: Pick<HubConfig, "logLevel" | "logFormat">, destination: LogDestination = process.stdout): Logger {
  const options = { name: "ighub", level: config.logLevel };
  const pretty = config.logFormat === "pretty" || (config.logFormat === "auto" && destination.isTTY === true);
  if (!pretty) return destination === process.stdout ? pino(options) : pino(options, destination);
  // Loaded only for a person: production's JSON lines never pay for it.
  const { prettyFactory, isColorSupported } = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
  const format = prettyFactory({
    colorize: destination.isTTY === true && isColorSupported,
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,name",
  });
  // Formatted and written in the call, not through pino-pretty's stream pipeline: the lines
  // logged just before process.exit() (shutting down) are not lost.
  return pino(options, { write: (line: string) => void destination.write(format(line)) });
}

/** The logger interface Apollo Server takes (`ApolloServer({ logger })`). */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

/**
 * The hub's logger as Apollo Server's, with Apollo's info lines at debug: at info Apollo only
 * announces itself ("Enabling inline tracing for this subgraph…" on every start of a federated
 * subgraph, which inline tracing itself needs no notice for). Its warnings and errors keep their
 * level. Lines carry `component: "apollo"`.
 */
export function apolloLogger(logger: Logger): ApolloLogger {
  const apollo = logger.child({ component: "apollo" });
  return {
    debug: (message) => apollo.debug(message),
    info: (message) => apollo.debug(message),
    warn: (message) => apollo.warn(message),
    error: (message) => apollo.error(message),
  };
}
