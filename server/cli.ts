#!/usr/bin/env node
import "reflect-metadata";
import { Command, CommanderError } from "commander";
import { ConfigError } from "./config.js";
import { DatabaseOpenError } from "../db/connection.js";

/**
 * The one command-line entry: `npm run hub -- <command>`. Each command lives in
 * `server/commands/<name>.command.ts` and registers itself on the program.
 */
const program = new Command()
  .name("hub")
  .description("London IG Hub: where the time goes in London boroughs' information governance.")
  .showHelpAfterError()
  .exitOverride();

// `serve` registers only itself: the other commands' modules (importers, connectors, exporters,
// reports, the synthetic generator) are not loaded into the server, which never runs them.
const commands = process.argv[2] === "serve" ? [(await import("./commands/serve.command.js")).registerServeCommand] : (await import("./commands/index.js")).commands;
for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof ConfigError || err instanceof DatabaseOpenError || (err as { userFacing?: boolean }).userFacing) {
    // A setting or input the user can fix: one line, no stack trace.
    console.error(`hub: ${(err as Error).message}`);
    process.exit(2);
  }
  throw err;
}
