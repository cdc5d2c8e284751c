import { pino, type Logger } from "pino";
import type { HubConfig } from "./config.js";

export type { Logger } from "pino";

/** The hub's structured logger (JSON lines on stdout), at the configured level. */
export function createLogger(config: Pick<HubConfig, "logLevel">): Logger {
  return pino({ name: "ighub", level: config.logLevel });
}
