// glibc's malloc settings for `hub serve` (issue 17, memory). glibc raises its mmap threshold to
// the size of each large block freed (up to 32 MB), so after the warm-up's one-time reads (SQLite
// builds texts of tens of MB) every later block below that size comes from the heap, which then
// keeps the freed memory: measured on the large set, `hub serve` stayed at ~365 MB RSS after the
// dashboard's queries with the default and ~283 MB with a fixed 128 kB threshold (larger blocks
// are mapped and go back to the system when freed), same answers (`npm run bench:rss`). The settings are read when a
// process starts, so they cannot be set from inside the server: scripts/hub.mjs starts `serve` as
// a child process with them (a bare parent: ~10 MB of its own, and 50–180 ms more CPU at start in
// `npm run bench:start`, first-answer wall times within the runs' spread).
// Setting MALLOC_MMAP_THRESHOLD_ yourself (e.g. in a service unit) skips the child: the server
// then runs in the process you started; IGHUB_SERVE_MALLOC=0 skips it without the setting.

import { spawn } from "node:child_process";

/** The environment `hub serve` runs with (on Linux; other systems' malloc ignores these names). */
export const SERVE_MALLOC = { MALLOC_MMAP_THRESHOLD_: "131072" };

/**
 * V8's young generation for the server started here: semi-spaces of at most 8 MB instead of 16
 * (~14 MB less reserved heap on the large set; no CPU cost measured in `npm run bench`'s warm
 * kernels, where 4 MB cost 20–30% on signOffTimes and by-borough cycleTimes). Not added when
 * NODE_OPTIONS or the command line sets it.
 */
export const SERVE_NODE_FLAGS = ["--max-semi-space-size=8"];

/** Set in the server process started by serveMalloc (its IPC channel tells it when the parent is gone). */
const CHILD_MARK = "IGHUB_SERVE_CHILD";

/** Whether this `hub` run is `serve` on Linux, without the settings yet and not opted out. */
export function needsServeMalloc(argv = process.argv, env = process.env, platform = process.platform) {
  return argv[2] === "serve" && platform === "linux" && env.IGHUB_SERVE_MALLOC !== "0" && Object.keys(SERVE_MALLOC).some((k) => env[k] === undefined);
}

/**
 * When needed, starts the same command as a child with SERVE_MALLOC set and SERVE_NODE_FLAGS (stdio shared), passes
 * SIGINT, SIGTERM and SIGHUP on to it, and exits with its exit code (or its signal) when it
 * ends. Returns whether it did (the caller then does nothing else). In the child, arranges for
 * it to stop if the parent dies, and returns false (the child runs the command).
 */
export function serveMalloc() {
  if (process.env[CHILD_MARK] === "1" && process.channel) {
    // The server's side: if the parent is gone (even by SIGKILL), stop as on SIGTERM.
    delete process.env[CHILD_MARK];
    process.channel.unref();
    process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
    return false;
  }
  if (!needsServeMalloc()) return false;
  const given = `${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`;
  const flags = SERVE_NODE_FLAGS.filter((flag) => !given.includes(flag.split("=")[0]));
  const child = spawn(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    // Its own process group: a terminal's Ctrl-C (sent to the whole foreground group) reaches it
    // once, passed on by this process, so the server drains as it does when run directly.
    detached: true,
    env: { ...SERVE_MALLOC, ...process.env, [CHILD_MARK]: "1" },
  });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const pass = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  child.on("error", (err) => {
    console.error(`hub: could not start the server process: ${err.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    for (const s of signals) process.off(s, pass);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
  return true;
}
