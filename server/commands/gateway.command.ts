import type { Command } from "commander";
import { pino } from "pino";
import { loadConfig } from "../config.js";
import { userError } from "../user-error.js";

function wholeNumber(flag: string, min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) throw userError(`${flag} must be a whole number between ${min} and ${max} (got ${JSON.stringify(value)})`);
    return number;
  };
}

/**
 * `hub gateway --config supergraph.json [--port N]`: serves a supergraph composed from the hub and
 * the other subgraphs listed in the file, re-composed when the file changes. Runs until SIGINT/SIGTERM.
 */
export function registerGatewayCommand(program: Command): void {
  program
    .command("gateway")
    .description("Serve a supergraph composed from the subgraphs listed in a JSON file (Apollo Gateway); re-composes when the file changes.")
    .requiredOption("--config <file>", 'supergraph file: { "subgraphs": [{ "name": "hub", "url": "http://127.0.0.1:4000/graphql" }, ...] }')
    .option("--port <n>", "TCP port of the gateway (default 4100; the hub itself defaults to 4000)", wholeNumber("--port", 0, 65535), 4100)
    .option("--host <address>", "address to bind (default: HOST or 127.0.0.1)")
    .option("--poll <seconds>", "also re-compose every N seconds, to pick up subgraphs' schema changes (0 = only when the file changes)", wholeNumber("--poll", 0, 86_400), 0)
    .action(async (opts: { config: string; port: number; host?: string; poll: number }) => {
      const config = loadConfig(process.env, opts.host ? { host: opts.host } : {});
      const logger = pino({ name: "gateway", level: config.logLevel });
      // Apollo Gateway is loaded when this command runs, not when the CLI starts.
      const { createGateway } = await import("../gateway/index.js");
      const gateway = await createGateway({
        configPath: opts.config,
        port: opts.port,
        host: config.host,
        logger,
        production: config.production,
        pollIntervalMs: opts.poll * 1000,
      });
      // Subgraphs that are down at start are retried (and logged) by the gateway; say where it is now.
      console.error(`gateway: listening on ${gateway.url}; composing from ${opts.config}`);
      await new Promise<void>((done) => {
        const stop = () => {
          logger.info("stopping the gateway");
          void gateway.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
