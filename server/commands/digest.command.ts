import type { Command } from "commander";
import { renameSync, writeFileSync } from "node:fs";
import { GraphQLError } from "graphql";
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from "../../analytics/forecast.js";
import { isoToDayNumber, londonMidnightMs } from "../../analytics/working-days.js";
import { openDb } from "../../db/connection.js";
import { DIGEST_FORMATS, type DigestData, type DigestFormatName } from "../../report/digest.model.js";
import { renderDigest } from "../../report/digest.render.js";
import { digestData } from "../../schema/metrics/digest.service.js";
import { loadConfig } from "../config.js";
import { userError } from "../user-error.js";

interface DigestOptions {
  organisation: string;
  asOf?: string;
  format: string;
  historyDays?: string;
  out?: string;
  db?: string;
}

/** `hub report digest`: what waits on one organisation, what it waits on, and its reviews due. */
export function registerDigestCommand(report: Command): void {
  report
    .command("digest")
    .description("A weekly digest for one organisation: sign-offs waiting on it (oldest first, with state and forecast), what it waits on from others, its reviews due.")
    .requiredOption("--organisation <code>", "the organisation's code (a borough's GSS code, e.g. E09000001)")
    .option("--as-of <date>", "as of this date (YYYY-MM-DD, the end of that London day) or date-time (default: now)")
    .option("--format <format>", "md, csv or html (a self-contained page)", "md")
    .option("--history-days <days>", `forecast from the stages submitted in the last N days (default ${DEFAULT_HISTORY_DAYS}, measured best calibrated on the synthetic set; 0 = all history)`)
    .option("--out <file>", "write the digest here (default: standard output)")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action(async (opts: DigestOptions) => {
      if (!(DIGEST_FORMATS as readonly string[]).includes(opts.format)) throw userError(`--format: expected one of ${DIGEST_FORMATS.join(", ")}, got ${JSON.stringify(opts.format)}`);
      let asOf = new Date();
      if (opts.asOf != null) {
        // A bare date means the end of that day: everything recorded on it counts.
        asOf = /^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) ? new Date(londonMidnightMs(isoToDayNumber(opts.asOf) + 1) - 1) : new Date(opts.asOf);
        if (Number.isNaN(asOf.getTime())) throw userError(`--as-of: expected a date YYYY-MM-DD or a date-time, got ${JSON.stringify(opts.asOf)}`);
      }
      let historyDays: number | null = null;
      if (opts.historyDays != null) {
        historyDays = /^\d+$/.test(opts.historyDays) ? Number(opts.historyDays) : NaN;
        if (!(historyDays <= MAX_HISTORY_DAYS)) throw userError(`--history-days: expected a whole number of days from 0 (all history) to ${MAX_HISTORY_DAYS}, got ${JSON.stringify(opts.historyDays)}`);
      }
      const config = loadConfig(process.env, opts.db ? { dbPath: opts.db } : {});
      const db = openDb(config.dbPath);
      try {
        let data: DigestData;
        try {
          data = await digestData(db, opts.organisation, asOf, historyDays);
        } catch (err) {
          if (err instanceof GraphQLError && err.extensions.code === "BAD_USER_INPUT") throw userError(`--organisation: ${err.message.replace(/^organisation: /, "")}`);
          throw err;
        }
        const content = renderDigest(data, opts.format as DigestFormatName);
        if (opts.out) {
          const tmp = `${opts.out}.tmp-${process.pid}`;
          writeFileSync(tmp, content);
          renameSync(tmp, opts.out);
          console.error(`hub: wrote ${opts.out}: ${data.waitingOnIt.length} waiting on ${opts.organisation}, ${data.waitingOnOthers.length} waiting on others, ${data.reviewsDue.length} reviews due`);
        } else process.stdout.write(content);
      } finally {
        db.close();
      }
    });
}
