import type { CycleRow, SignoffRow } from "../../db/queries/index.js";
import { StageStatus } from "./initiative.enums.js";
import type { SignOff } from "./sign-off.type.js";
import type { StageSummary } from "./stage-summary.type.js";
import type { Stage } from "./stage.type.js";

/**
 * One summary per stage of the initiative's process, in process order, from its derived stage
 * cycles (DESIGN.md: submitted at the first SUBMITTED, approved when every participating borough
 * has signed off). A stage without a cycle is NOT_STARTED with 0 rounds.
 */
export function summariseStages(initiativeId: string, stages: readonly Stage[], cycles: readonly CycleRow[]): StageSummary[] {
  const cycleOf = new Map(cycles.map((c) => [c.stage, c]));
  return stages.map((stage) => {
    const c = cycleOf.get(stage.code);
    if (!c) return { initiativeId, stage, status: StageStatus.NOT_STARTED, submittedAt: null, approvedAt: null, endedAt: null, rounds: 0 };
    return { initiativeId, stage, status: StageStatus[c.outcome], submittedAt: c.submittedAt, approvedAt: c.approvedAt, endedAt: c.endedAt, rounds: c.rounds };
  });
}

/** The sign-offs of one stage, earliest first (the rows come earliest first). */
export function stageSignOffs(stage: string, signoffs: readonly SignoffRow[]): SignOff[] {
  return signoffs.filter((s) => s.stage === stage).map((s) => ({ authorityCode: s.authorityCode, approvedAt: s.approvedAt }));
}

/**
 * The participating boroughs that have not signed a stage off while it is OPEN; none for a stage
 * not started or closed (approved, rejected, withdrawn).
 */
export function pendingBoroughCodes(summary: Pick<StageSummary, "status" | "stage">, signoffs: readonly SignoffRow[], participants: readonly string[]): string[] {
  if (summary.status !== StageStatus.OPEN) return [];
  const signed = new Set(stageSignOffs(summary.stage.code, signoffs).map((s) => s.authorityCode));
  return participants.filter((p) => !signed.has(p));
}
