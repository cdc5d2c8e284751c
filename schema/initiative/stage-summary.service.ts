import { StageStatus } from "./initiative.enums.js";
import type { CycleRow, SignoffRow } from "./initiative.queries.js";
import type { StageSummary } from "./stage-summary.type.js";
import type { Stage } from "./stage.type.js";

/**
 * One summary per stage of the initiative's process, in process order, from the derived stage
 * cycles and sign-offs (DESIGN.md: submitted at the first SUBMITTED, approved when every
 * participating borough has signed off). A stage without a cycle is NOT_STARTED. Pending boroughs
 * are the participants without a sign-off while the stage is OPEN (none otherwise).
 */
export function summariseStages(
  stages: readonly Stage[],
  cycles: readonly CycleRow[],
  signoffs: readonly SignoffRow[],
  participants: readonly string[],
): StageSummary[] {
  const cycleOf = new Map(cycles.map((c) => [c.stage, c]));
  return stages.map((stage) => {
    const c = cycleOf.get(stage.code);
    const signOffs = signoffs.filter((s) => s.stage === stage.code).map((s) => ({ authorityCode: s.authorityCode, approvedAt: s.approvedAt }));
    if (!c) {
      return { stage, status: StageStatus.NOT_STARTED, submittedAt: null, approvedAt: null, endedAt: null, rounds: 0, signOffs, pendingCodes: [] };
    }
    const signed = new Set(signOffs.map((s) => s.authorityCode));
    return {
      stage,
      status: StageStatus[c.outcome],
      submittedAt: c.submittedAt,
      approvedAt: c.approvedAt,
      endedAt: c.endedAt,
      rounds: c.rounds,
      signOffs,
      pendingCodes: c.outcome === "OPEN" ? participants.filter((p) => !signed.has(p)) : [],
    };
  });
}
