import type { TimeSavedReportData } from "./time-saved-report.model.js";
import { fmtDays, fmtInterval, humanInstant } from "./time-saved-report.format.js";
import { dataSource, headline, methodParagraphs, perInitiativeHeadline, periodCovered, syntheticNotice } from "./time-saved-report.prose.js";
import { COUNT_HEADERS, HEADERS, countsRows, rows } from "./time-saved-report.tables.js";

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

function mdTable(headers: string[], body: string[][]): string {
  return [
    `| ${headers.map(mdCell).join(" | ")} |`,
    `| ${headers.map((_, i) => (i === 0 || i === headers.length - 1 && headers[i] === "Note" ? "---" : "---:")).join(" | ")} |`,
    ...body.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ].join("\n");
}

/** The report as Markdown. */
export function renderMarkdown(data: TimeSavedReportData): string {
  const notice = syntheticNotice(data);
  const body = rows(data).map((r) => [r.stage, r.cohortApproved, r.baselineApproved, r.cohortMedian, r.baselineMedian, r.perStage, r.perStageInterval, r.saved, r.savedInterval, r.note]);
  body.push(["**Total**", "", "", "", "", "", "", data.total == null ? "no number" : `**${fmtDays(data.total)}**`, fmtInterval(data.totalLow, data.totalHigh), data.reason ?? `${data.stagesCounted} stage(s) counted`]);
  const each = perInitiativeHeadline(data);
  return [
    `# Time saved: ${data.cohort.name} against ${data.baseline.name}`,
    "",
    ...(notice ? [`> **${notice}**`, ""] : []),
    `**${headline(data)}**`,
    "",
    ...(each ? [`**${each}**`, ""] : []),
    periodCovered(data),
    "",
    dataSource(data),
    "",
    `Made ${humanInstant(data.generatedAt)} by the London IG Hub.`,
    "",
    "## Per stage",
    "",
    mdTable(HEADERS, body),
    "",
    "## What was counted",
    "",
    mdTable(COUNT_HEADERS, countsRows(data)),
    "",
    "## Method",
    "",
    ...methodParagraphs(data).flatMap((p) => [p, ""]),
  ].join("\n").replace(/\n+$/, "\n");
}
