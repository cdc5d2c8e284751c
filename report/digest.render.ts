/** The weekly digest as Markdown (three tables), CSV (one row per line of any section) or HTML (digest.html.ts). */
import { stringify } from "csv-stringify/sync";
import { dayNumberToIso, londonDate, londonDayNumber } from "../analytics/working-days.js";
import { renderDigestHtml } from "./digest.html.js";
import type { DigestData, DigestFormatName, DigestItem } from "./digest.model.js";

const date = (ms: number | null) => (ms === null ? "" : londonDate(ms));

function forecastText(i: DigestItem): string {
  const f = i.forecast;
  return f.reason !== null && f.p50 === null ? `no forecast: ${f.reason}` : `${date(f.p50)} / ${date(f.p85)} / ${date(f.p95)}`;
}

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function renderCsv(d: DigestData): string {
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

function renderMarkdown(d: DigestData): string {
  const day = dayNumberToIso(londonDayNumber(d.asOf));
  const out = [`# IG digest for ${d.organisation}, ${day}`, ""];
  if (d.dataset.synthetic) out.push(`> SYNTHETIC DATA: made from the hub's synthetic ${d.dataset.kind} data set; it says nothing about any real borough, tool or initiative.`, "");
  const itemTable = (items: DigestItem[], who: string) => {
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

/** The digest in `format`. */
export function renderDigest(d: DigestData, format: DigestFormatName): string {
  switch (format) {
    case "csv":
      return renderCsv(d);
    case "md":
      return renderMarkdown(d);
    case "html":
      return renderDigestHtml(d);
  }
}
