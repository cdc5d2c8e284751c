import type { Command } from "commander";
import cliProgress from "cli-progress";
import { loadConfig } from "../config.js";
import { openDb } from "../../db/connection.js";
import { DEFAULT_DEMO_SEED } from "../../db/prepare.js";
import { generateSynthetic, MAX_SYNTHETIC_SIZE, SYNTHETIC_SIZES, type SyntheticSize } from "../../db/synthetic/index.js";
import { userError } from "../user-error.js";

interface SeedFlags {
  size: string;
  seed: string;
  db?: string;
}

/** Parses `--size`: demo, large or a whole number of initiatives. */
export function parseSize(value: string): SyntheticSize {
  if (value in SYNTHETIC_SIZES) return value as keyof typeof SYNTHETIC_SIZES;
  if (/^\d+$/.test(value)) {
    const initiatives = Number(value);
    if (initiatives >= 1 && initiatives <= MAX_SYNTHETIC_SIZE) return initiatives;
  }
  throw userError(`--size must be demo, large or a whole number of initiatives from 1 to ${MAX_SYNTHETIC_SIZE} (got ${JSON.stringify(value)})`);
}

/** Parses `--seed`: a whole number from 0 to 2^32 - 1. */
export function parseSeed(value: string): number {
  if (/^\d+$/.test(value) && Number(value) <= 0xffffffff) return Number(value);
  throw userError(`--seed must be a whole number from 0 to 4294967295 (got ${JSON.stringify(value)})`);
}

/** A progress bar on a terminal; a plain line every 10% otherwise (logs, CI). */
function progressReporter(): { report: (done: number, total: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "seeding [{bar}] {percentage}% | {value}/{total} initiatives | {duration_formatted}", stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      report: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = -1;
  return {
    report: (done, total) => {
      const pct = Math.floor((done / total) * 10) * 10;
      if (pct !== last) {
        last = pct;
        process.stderr.write(`seeding: ${pct}% (${done}/${total} initiatives)\n`);
      }
    },
    stop: () => undefined,
  };
}

/**
 * `hub seed`: loads the reference data and a synthetic data set (deterministic from `--seed`) into
 * a database that holds no initiatives yet. Refuses a database with initiatives or imported data:
 * the event log is append-only, so synthetic rows could never be taken back out of real data.
 */
export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("Load reference data and a synthetic data set (labelled synthetic) into an empty database.")
    .option("--size <size>", `demo (${SYNTHETIC_SIZES.demo} initiatives), large (${SYNTHETIC_SIZES.large.toLocaleString("en-GB")} initiatives, about 2 million events) or a number of initiatives`, "demo")
    .option("--seed <n>", "seed of the generator: the same seed gives the same data", String(DEFAULT_DEMO_SEED))
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action((flags: SeedFlags) => {
      const size = parseSize(flags.size);
      const seed = parseSeed(flags.seed);
      const config = loadConfig(process.env, flags.db ? { dbPath: flags.db } : {});
      const db = openDb(config.dbPath);
      const progress = progressReporter();
      const started = performance.now();
      try {
        const result = generateSynthetic(db, { size, seed, onProgress: progress.report });
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `seeded ${db.path}: ${result.initiatives} synthetic initiatives, ${result.events} stage events (seed ${seed}) in ${seconds.toFixed(1)} s`,
        );
      } finally {
        progress.stop();
        db.close();
      }
    });
}
