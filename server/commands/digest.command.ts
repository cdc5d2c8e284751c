import type { Command } from "commander";
import { renameSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { GraphQLError } from "graphql";
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from "../../analytics/forecast.js";
import { dayNumberToIso, isoToDayNumber, londonDate, londonDayNumber, londonMidnightMs } from "../../analytics/working-days.js";
import type { AgreementData, OpenItemData } from "../../analytics/metrics/index.js";
import { openDb, type HubDb } from "../../db/connection.js";
import { OpenItemsService } from "../../schema/metrics/open-items.service.js";
import { loadConfig } from "../config.js";
import { userError } from "../user-error.js";

const FORMATS = ["md", "csv"] as const;
type DigestFormat = (typeof FORMATS)[number];

type Item = OpenItemData & { title: string };
type Review = AgreementData & { title: string };

/** What a weekly digest holds for one organisation. */
export interface DigestData {
  organisation: string;
  asOf: number;
  /** Sign-offs waiting on the organisation, oldest first. */
  waitingOnIt: Item[];
  /** Open stages of its initiatives waiting on other signers, oldest first (pendingSigners without it). */
  waitingOnOthers: Item[];
  /** Its live agreements due for review within 90 days or overdue, by due date. */
  reviewsDue: Review[];
}

/**
 * The digest of `organisation` (a GSS code; partners' codes once partners sign) as of `asOf`, from
 * the same queries as the graph (`openItems`, `agreementRegister`) filtered to the initiatives it
 * takes part in. Every open item is read (at most 5000). Forecasts rest on the last `historyDays`
 * days of history (default 730, 0 = all: see openItems).
 */
export async function digestData(db: HubDb, organisation: string, asOf: Date, historyDays: number | null = null): Promise<DigestData> {
  const service = new OpenItemsService(db);
  const filter = { boroughs: [organisation] };
  const open = await service.openItems({ filter, asOf, limit: 5000, historyDays });
  const waitingOnIt = open.items.filter((i) => i.organisation === organisation);
  const waitingOnOthers = open.items
    .filter((i) => i.organisation === null && i.pendingSigners.some((s) => s !== organisation))
    .map((i) => ({ ...i, pendingSigners: i.pendingSigners.filter((s) => s !== organisation) }));
  const reviewsDue = await service.agreementRegister({ filter, asOf, states: ["OVERDUE", "DUE_SOON"] });
  return { organisation, asOf: asOf.getTime(), waitingOnIt, waitingOnOthers, reviewsDue };
}

const date = (ms: number | null) => (ms === null ? "" : londonDate(ms));

function forecastText(i: Item): string {
  const f = i.forecast;
  return f.reason !== null && f.p50 === null ? `no forecast: ${f.reason}` : `${date(f.p50)} / ${date(f.p85)} / ${date(f.p95)}`;
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The digest as Markdown (three tables) or CSV (one row per line of any section, `section` first). */
export function renderDigest(d: DigestData, format: DigestFormat): string {
  if (format === "csv") {
    const rows: (string | number | null)[][] = [
      ["section", "initiative_id", "title", "stage", "waiting_on", "submitted", "age_working_days", "state", "held_by", "p50", "p85", "p95", "forecast_reason", "review_due", "review_state"],
    ];
    for (const [section, items] of [["waiting_on_organisation", d.waitingOnIt], ["waiting_on_others", d.waitingOnOthers]] as const) {
      for (const i of items) {
        rows.push([section, i.initiativeId, i.title, i.stage, i.pendingSigners.join(" "), date(i.submittedAt), i.ageWorkingDays, i.state, i.heldBy, date(i.forecast.p50), date(i.forecast.p85), date(i.forecast.p95), i.forecast.reason ?? "", "", ""]);
      }
    }
    for (const r of d.reviewsDue) rows.push(["review_due", r.initiativeId, r.title, "ISA", "", "", "", "", "", "", "", "", "", dayNumberToIso(r.reviewDueDay), r.state]);
    return stringify(rows);
  }
  const day = dayNumberToIso(londonDayNumber(d.asOf));
  const out = [`# IG digest for ${d.organisation}, ${day}`, ""];
  const itemTable = (items: Item[], who: string) => {
    if (items.length === 0) return ["Nothing.", ""];
    return [
      `| Initiative | Stage | ${who} | Submitted | Age (working days) | State | Held by | Done by (50% / 85% / 95%) |`,
      "|---|---|---|---|---:|---|---|---|",
      ...items.map((i) => `| ${mdCell(`${i.initiativeId} ${i.title}`)} | ${i.stage} | ${i.pendingSigners.join(", ")} | ${date(i.submittedAt)} | ${i.ageWorkingDays} | ${i.state} | ${i.heldBy} | ${mdCell(forecastText(i))} |`),
      "",
    ];
  };
  out.push(`## Waiting on ${d.organisation} (oldest first)`, "", ...itemTable(d.waitingOnIt, "Signer"));
  out.push(`## Waiting on others`, "", ...itemTable(d.waitingOnOthers, "Still to sign"));
  out.push(`## Reviews due within 90 days or overdue`, "");
  if (d.reviewsDue.length === 0) out.push("Nothing.", "");
  else {
    out.push("| Initiative | ISA approved | Review due | Source | Days | State |", "|---|---|---|---|---:|---|");
    for (const r of d.reviewsDue) out.push(`| ${mdCell(`${r.initiativeId} ${r.title}`)} | ${date(r.approvedAt)} | ${dayNumberToIso(r.reviewDueDay)} | ${r.source} | ${r.daysUntilDue} | ${r.state} |`);
    out.push("");
  }
  return out.join("\n");
}

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
    .option("--format <format>", "md or csv", "md")
    .option("--history-days <days>", `forecast from the stages submitted in the last N days (default ${DEFAULT_HISTORY_DAYS}, measured best calibrated on the synthetic set; 0 = all history)`)
    .option("--out <file>", "write the digest here (default: standard output)")
    .option("--db <path>", "database file or postgres:// URL (default: DATABASE_URL, else IGHUB_DB or data/ighub.db)")
    .action(async (opts: DigestOptions) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw userError(`--format: expected one of ${FORMATS.join(", ")}, got ${JSON.stringify(opts.format)}`);
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
          if (err instanceof GraphQLError && err.extensions.code === "BAD_USER_INPUT") throw userError(`--organisation: ${err.message.replace(/^filter\.boroughs: /, "")}`);
          throw err;
        }
        const content = renderDigest(data, opts.format as DigestFormat);
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
