#!/usr/bin/env node
// `npm start` and `npm run hub -- <command>`: runs the hub's CLI (server/cli.ts) from its esbuild
// build, rebuilding it first when any source changed (scripts/build.mjs), so an edited file is
// what runs. Tests and `npx tsx server/cli.ts` run the TypeScript directly.

import { pathToFileURL } from "node:url";
import { serveMalloc } from "./serve-malloc.mjs";

// `serve` on Linux runs with glibc's malloc settings (serve-malloc.mjs): this process then only
// starts the server as its child with them set, passes signals on and exits as it does.
if (!serveMalloc()) await run();

async function run() {
  const { ensureBuild } = await import("./build.mjs");
  // Stack traces in logs name server/*.ts lines rather than the bundle's (the maps are read as the
  // chunks load: a few milliseconds).
  if (process.env.IGHUB_SOURCE_MAPS !== "0") process.setSourceMapsEnabled(true);
  let entry;
  try {
    entry = await ensureBuild();
  } catch {
    // esbuild has printed the error and where it is.
    console.error("hub: the build failed (above); fix the source and run again");
    process.exit(1);
  }
  await import(pathToFileURL(entry).href);
}
