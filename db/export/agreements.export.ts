import { once } from "node:events";
import type { Writable } from "node:stream";
import { DEFAULT_DUE_WITHIN_DAYS, DEFAULT_REVIEW_INTERVAL_MONTHS } from "../../analytics/agreements.js";
import { AGREEMENT_STAGE, REVIEW_STAGE, agreementRegister, compileFilter } from "../../analytics/metrics/index.js";
import { dayNumberToIso } from "../../analytics/working-days.js";
import type { HubDb } from "../connection.js";
import { getCycleTableWith } from "../cycles/index.js";
import { initiativeTitles } from "../cycles/open-items.reads.js";
import type { ExportFilter } from "./export.filter.js";
import { csv, type CsvOptions } from "./export.service.js";

/** The columns of agreements.csv. */
export const AGREEMENT_COLUMNS = ["initiative_id", "title", "tool", "boroughs", "isa_approved_at", "review_due", "review_due_source", "days_until_due", "review_state"] as const;

/**
 * agreements.csv: the agreement register (graph `agreementRegister`) as of now, every state, the
 * due-soon window 90 days; of the filter, only `boroughs`, `tools` and `practices` apply (a value the
 * data does not know matches nothing, as in the other exports). Boroughs are `;`-separated.
 */
export async function exportAgreementsCsv(db: HubDb, filter: ExportFilter, out: Writable, options: CsvOptions = {}): Promise<number> {
  let nothing = false;
  const { table, compiled } = await getCycleTableWith(db, (t) => {
    const known = (values: string[] | undefined, index: Map<string, number>) => {
      if (values === undefined) return null;
      const kept = values.filter((v) => index.has(v));
      if (kept.length === 0) nothing = true;
      return kept;
    };
    return compileFilter(t, "filter", { boroughs: known(filter.boroughs, t.boroughIndex), tools: known(filter.tools, t.toolIndex), practices: known(filter.practices, t.practiceIndex) });
  });
  const rows = nothing
    ? []
    : agreementRegister(table, compiled, {
        asOf: Date.now(),
        withinDays: DEFAULT_DUE_WITHIN_DAYS,
        intervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS,
        states: null,
        agreementStage: AGREEMENT_STAGE,
        reviewStage: REVIEW_STAGE,
      });
  const titles = initiativeTitles(db.sql, rows.map((r) => r.initiativeId));
  // Cells neutralised against CSV injection, and the Excel option, as in the other exports.
  const text =
    csv([[...AGREEMENT_COLUMNS]], options, true) +
    csv(
      rows.map((r) => [r.initiativeId, titles.get(r.initiativeId) ?? "", r.tool, r.boroughs.join(";"), new Date(r.approvedAt).toISOString(), dayNumberToIso(r.reviewDueDay), r.source, String(r.daysUntilDue), r.state]),
      options,
    );
  if (!out.write(text)) await once(out, "drain");
  return rows.length;
}
