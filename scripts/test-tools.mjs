#!/usr/bin/env node
// The programs the test suite drives besides Node: a Chromium for the dashboard's browser test
// (`npm test`) and PostgreSQL's server binaries for `npm run test:pg`. Each is looked for where a
// person would put it; when it is missing on Debian and we are root, Debian's package is installed
// (one line says so); otherwise one line says what to install and which variable to set. Never a
// silent skip, never a browser download.
//
//   node scripts/test-tools.mjs chromium|postgres   prints the executable / bin folder, or exits 2

import { spawnSync } from "node:child_process";
import { accessSync, appendFileSync, constants, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Executable names a Chromium goes by on PATH, in the order they are tried. */
export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/** Where Debian's postgresql packages put initdb, pg_ctl and postgres (not on PATH). */
export const DEBIAN_PG_ROOT = "/usr/lib/postgresql";

/** A program the tests need is missing; the message is one line that says how to fix it. */
export class ToolMissingError extends Error {
  constructor(message) {
    super(message);
    this.name = "ToolMissingError";
  }
}

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `apt-get update` then `apt-get install -y --no-install-recommends <packages>`, output to a
 * log file (named in the error when it fails).
 */
function aptInstall(packages) {
  const log = join(mkdtempSync(join(tmpdir(), "ighub-apt-")), "apt.log");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...packages]]) {
    const r = spawnSync("apt-get", args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    appendFileSync(log, `$ apt-get ${args.join(" ")}\n${r.stdout ?? ""}${r.stderr ?? ""}`);
    if (r.status !== 0) throw new Error(`apt-get ${args[0]} failed (${r.error?.message ?? `exit ${r.status}`}; log: ${log})`);
  }
}

/**
 * The machine as the finders see it. Tests pass their own (`{ ...machine, install: ... }`) so
 * that no finder test installs anything.
 */
export const machine = {
  env: process.env,
  isExecutable: isExecutableFile,
  /** Folders under `dir` (names only), [] when it does not exist. */
  listDirs(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  },
  isRoot: () => process.getuid?.() === 0,
  isDebian: () => {
    try {
      return statSync("/etc/debian_version").isFile();
    } catch {
      return false;
    }
  },
  install: aptInstall,
  log: (line) => process.stderr.write(`${line}\n`),
};

/** The first executable `name` on the machine's PATH, or null. */
export function onPath(m, name) {
  for (const dir of (m.env.PATH ?? "").split(delimiter)) {
    if (dir && m.isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Installs Debian packages when the machine can (Debian, root); false when it cannot. */
function installIfDebianRoot(m, what, packages) {
  if (!m.isDebian() || !m.isRoot()) return false;
  m.log(`${what} not found: installing Debian's ${packages.join(" ")} (apt-get install --no-install-recommends)`);
  try {
    m.install(packages);
  } catch (err) {
    throw new ToolMissingError(`${what}: installing Debian's ${packages.join(" ")} failed: ${err.message}`);
  }
  return true;
}

/**
 * The Chromium the browser test drives: `CHROMIUM_PATH` when set (and then it must be an
 * executable file), else the first of CHROMIUM_NAMES on PATH, else Debian's `chromium`, installed
 * here when the machine is Debian and we are root. Throws ToolMissingError (one line) otherwise.
 */
export function findChromium(m = machine) {
  const given = m.env.CHROMIUM_PATH;
  if (given) {
    if (m.isExecutable(given)) return given;
    throw new ToolMissingError(`CHROMIUM_PATH: ${given} is not an executable file; set CHROMIUM_PATH to a Chromium or Chrome executable, or unset it to use chromium from PATH`);
  }
  const found = () => CHROMIUM_NAMES.map((name) => onPath(m, name)).find((p) => p !== null) ?? null;
  const before = found();
  if (before) return before;
  const missing = `no Chromium for the browser test (CHROMIUM_PATH is unset and none of ${CHROMIUM_NAMES.join(", ")} is on PATH)`;
  if (installIfDebianRoot(m, "Chromium for the browser test", ["chromium"])) {
    const after = found();
    if (after) return after;
    throw new ToolMissingError(`${missing} even after installing Debian's chromium; set CHROMIUM_PATH to its executable`);
  }
  throw new ToolMissingError(`${missing}: install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable`);
}

/**
 * The folder holding PostgreSQL's initdb, pg_ctl and postgres for `npm run test:pg`:
 * `IGHUB_TEST_PG_BIN` when set (it must hold initdb), else the newest /usr/lib/postgresql/<v>/bin
 * (Debian), else the folder of initdb on PATH, else Debian's `postgresql`, installed here when the
 * machine is Debian and we are root. Throws ToolMissingError (one line) otherwise.
 */
export function findPostgres(m = machine) {
  const given = m.env.IGHUB_TEST_PG_BIN;
  if (given) {
    if (m.isExecutable(join(given, "initdb"))) return given;
    throw new ToolMissingError(`IGHUB_TEST_PG_BIN: no initdb in ${given}; set IGHUB_TEST_PG_BIN to the folder holding PostgreSQL's initdb, pg_ctl and postgres, or unset it`);
  }
  const found = () => {
    const versions = m
      .listDirs(DEBIAN_PG_ROOT)
      .filter((v) => m.isExecutable(join(DEBIAN_PG_ROOT, v, "bin", "initdb")))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions.length > 0) return join(DEBIAN_PG_ROOT, versions[0], "bin");
    const initdb = onPath(m, "initdb");
    return initdb ? resolve(initdb, "..") : null;
  };
  const before = found();
  if (before) return before;
  const missing = `PostgreSQL server binaries not found (no initdb in ${DEBIAN_PG_ROOT}/*/bin or on PATH)`;
  if (installIfDebianRoot(m, "PostgreSQL for test:pg", ["postgresql"])) {
    const after = found();
    if (after) return after;
    throw new ToolMissingError(`${missing} even after installing Debian's postgresql; set IGHUB_TEST_PG_BIN to the folder holding initdb`);
  }
  throw new ToolMissingError(`${missing}: install PostgreSQL (Debian: apt-get install postgresql) or set IGHUB_TEST_PG_BIN to the folder holding initdb, pg_ctl and postgres`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const finders = { chromium: findChromium, postgres: findPostgres };
  const find = finders[process.argv[2]];
  if (!find) {
    console.error(`usage: node scripts/test-tools.mjs ${Object.keys(finders).join("|")}`);
    process.exit(2);
  }
  try {
    console.log(find());
  } catch (err) {
    if (!(err instanceof ToolMissingError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}
