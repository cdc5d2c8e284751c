import type { SqlStatement } from "../driver/index.js";
import type { StageGroup } from "./event.insert.js";
import type { InitiativeState } from "./initiative.state.js";
import { KIND_INDEX, approvalBeforeSubmission, approvalWithoutSubmission, type ProblemSink } from "./write.rules.js";

const APPROVED = KIND_INDEX.get("APPROVED")!;
const SUBMITTED = KIND_INDEX.get("SUBMITTED")!;

/** What {@link checkApprovals} reads of a write session once every event is in. */
export interface ApprovalCheckInput {
  groups: Iterable<StageGroup>;
  fileNames: readonly string[];
  /** How each file names its columns (see WriteSession.setColumnNamer). */
  columnNamers: ReadonlyMap<string, (field: string) => string>;
  initiatives: ReadonlyMap<string, InitiativeState | null>;
  /** The largest event id stored before the session began (0: none). */
  baseMaxEventId: number;
  firstSubmittedBefore: SqlStatement<{ at: number | null }>;
}

/** APPROVED needs the stage's SUBMITTED first (stored or in this session), at or before it. */
export function checkApprovals(sink: ProblemSink, input: ApprovalCheckInput): void {
  const { fileNames, baseMaxEventId } = input;
  for (const g of input.groups) {
    if (!g.kinds.includes(APPROVED)) continue;
    let first = Infinity;
    const st = input.initiatives.get(g.initiativeId)!;
    if (!st.created && baseMaxEventId > 0) first = input.firstSubmittedBefore.get(g.initiativeId, g.stage, baseMaxEventId)?.at ?? Infinity;
    for (let i = 0; i < g.kinds.length; i++) if (g.kinds[i] === SUBMITTED && g.ats[i]! < first) first = g.ats[i]!;
    for (let i = 0; i < g.kinds.length; i++) {
      if (g.kinds[i] !== APPROVED) continue;
      const file = fileNames[g.files[i]!]!;
      const pos = { file, line: g.lines[i]!, column: input.columnNamers.get(file) };
      if (first === Infinity) approvalWithoutSubmission(sink, pos, g.stage, g.initiativeId);
      else if (g.ats[i]! < first) approvalBeforeSubmission(sink, pos, g.stage, g.initiativeId, g.ats[i]!, first);
    }
  }
}
