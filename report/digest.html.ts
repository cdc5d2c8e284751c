/**
 * The weekly digest as one self-contained HTML page (the time-saved report's standards): inline
 * CSS, no external asset, a viewport and print styles, tables that scroll in their own box on a
 * phone, a synthetic-data notice when the data is synthetic, every date a <time> read as a date.
 */
import { dayNumberToIso, londonDate, londonDayNumber } from "../analytics/working-days.js";
import type { DigestData, DigestItem, DigestReview } from "./digest.model.js";
import { esc, humanDate, humanInstant } from "./time-saved-report.format.js";

const STATE_WORDS: Record<string, string> = { ON_TRACK: "On track", AT_RISK: "At risk", BREACHED: "Breached", OK: "OK", DUE_SOON: "Due soon", OVERDUE: "Overdue" };
const HELD_WORDS: Record<string, string> = { IG: "IG (DPOs)", PROJECT_TEAM: "Project team (answering queries)" };

/** A London date as `<time datetime="2024-03-11">11 March 2024</time>`; an em dash for none. */
function dateCell(iso: string | null): string {
  return iso === null ? "—" : `<time datetime="${iso}">${esc(humanDate(iso))}</time>`;
}
const instantDate = (ms: number | null) => dateCell(ms === null ? null : londonDate(ms));

const state = (s: string) => `<span class="state ${s.toLowerCase().replace("_", "-")}">${esc(STATE_WORDS[s] ?? s)}</span>`;

/** A table in its own scrolling box; cells are HTML already escaped. */
function table(caption: string, headers: string[], rows: string[][]): string {
  return (
    `<div class="table-box"><table><caption>${esc(caption)}</caption><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>\n` +
    rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`).join("\n") +
    `\n</tbody></table></div>`
  );
}

function itemRows(items: DigestItem[]): string[][] {
  return items.map((i) => {
    const f = i.forecast;
    const forecast = f.p50 === null && f.reason !== null ? [`<span class="reason">No forecast: ${esc(f.reason)}</span>`, "", ""] : [instantDate(f.p50), instantDate(f.p85), instantDate(f.p95)];
    return [
      `${esc(i.initiativeId)}<br><span class="title">${esc(i.title)}</span>`,
      esc(i.stage),
      esc(i.pendingSigners.join(", ")),
      instantDate(i.submittedAt),
      String(i.ageWorkingDays),
      state(i.state),
      esc(HELD_WORDS[i.heldBy] ?? i.heldBy),
      ...forecast,
    ];
  });
}

function reviewRows(reviews: DigestReview[]): string[][] {
  return reviews.map((r) => [
    `${esc(r.initiativeId)}<br><span class="title">${esc(r.title)}</span>`,
    instantDate(r.approvedAt),
    dateCell(dayNumberToIso(r.reviewDueDay)),
    esc(r.source === "RECORDED" ? "Recorded review date" : "ISA approval + 12 months"),
    String(r.daysUntilDue),
    state(r.state),
  ]);
}

const ITEM_HEADERS = (who: string) => ["Initiative", "Stage", who, "Submitted", "Age (working days)", "State", "Held by", "Done by: 50%", "85%", "95%"];

/** The digest as a self-contained HTML page. */
export function renderDigestHtml(d: DigestData): string {
  const dayIso = dayNumberToIso(londonDayNumber(d.asOf));
  const title = `IG digest for ${d.organisation}, ${humanDate(dayIso)}`;
  const section = (heading: string, html: string) => `<h2>${esc(heading)}</h2>\n${html}`;
  const nothing = "<p>Nothing.</p>";
  const history = d.historyDays > 0 ? `the stages submitted in the ${d.historyDays} days before it` : "all history before it";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: system-ui, Arial, sans-serif; max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; color: #1b1f24; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin-top: 1.5rem; }
th[scope=row] { min-width: 11rem; }
.synthetic { background: #fff4d6; border: 2px solid #c99a1e; color: #5c4300; padding: 0.6rem 0.8rem; font-weight: 700; }
.table-box { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f4; }
time { white-space: nowrap; }
.title { font-weight: 400; color: #57606a; }
.state { font-weight: 700; white-space: nowrap; }
.state.at-risk, .state.due-soon { color: #7a4d00; }
.state.breached, .state.overdue { color: #a40e26; }
.reason { color: #57606a; }
.meta { color: #57606a; font-size: 0.9rem; }
@media (max-width: 480px) {
  body { margin: 0.75rem auto; padding: 0 0.75rem; }
  h1 { font-size: 1.3rem; }
}
@media print {
  @page { margin: 15mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #000; }
  .synthetic, thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .table-box { overflow: visible; }
  table { font-size: 8pt; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
</style>
</head>
<body>
<h1>IG digest for ${esc(d.organisation)}, ${dateCell(dayIso)}</h1>
${d.dataset.synthetic ? `<p class="synthetic" role="note">SYNTHETIC DATA: this digest was made from the hub's synthetic ${esc(d.dataset.kind)} data set. It says nothing about any real borough, tool or initiative.</p>\n` : ""}<p class="meta">As of ${esc(humanInstant(new Date(d.asOf).toISOString()))}. Forecasts are the dates by which a stage or sign-off is done with probability 50%, 85% and 95%, given its age, from ${esc(history)}; ages and service levels are in working days.</p>
${section(`Waiting on ${d.organisation} (oldest first)`, d.waitingOnIt.length === 0 ? nothing : table(`Sign-offs waiting on ${d.organisation}`, ITEM_HEADERS("Signer"), itemRows(d.waitingOnIt)))}
${section("Waiting on others", d.waitingOnOthers.length === 0 ? nothing : table(`Open stages of ${d.organisation}'s initiatives waiting on other signers`, ITEM_HEADERS("Still to sign"), itemRows(d.waitingOnOthers)))}
${section("Reviews due within 90 days or overdue", d.reviewsDue.length === 0 ? nothing : table(`${d.organisation}'s live agreements due for review`, ["Initiative", "ISA approved", "Review due", "Due date from", "Days until due", "State"], reviewRows(d.reviewsDue)))}
</body>
</html>
`;
}
