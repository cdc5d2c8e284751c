import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ICaseworkError } from "./icasework.errors.js";

/**
 * iCasework's answers read into plain objects holding ONLY what the hub needs. Everything else a
 * case carries — MainParty.* (the person the case is about: name, address, email, date of birth),
 * the case label (which often holds a name), documents, notes — is dropped here, at parse time:
 * it never reaches a record, an error message or a log line.
 */

/** One stage of a case (iCasework's CaseStageStage1..4); "" where iCasework left a field empty. */
export interface ICaseworkStage {
  dateReceived: string;
  dateDue: string;
  dateCompleted: string;
  outcome: string;
  /**
   * Who recorded the outcome: a user or team name in iCasework (so possibly a member of staff's
   * name). Used only to look up a signer in the sync settings; no record carries it.
   */
  outcomeBy: string;
}

/** A case as the hub keeps it. */
export interface ICaseworkCase {
  caseId: string;
  caseType: string;
  status: string;
  /** CaseStatusReceipt.DateReceived: when the case was received (stage 1 has no received date of its own). */
  dateReceived: string;
  /** CaseStageStage1..4, in order (index 0 is stage 1). */
  stages: [ICaseworkStage, ICaseworkStage, ICaseworkStage, ICaseworkStage];
  dateWithdrawn: string;
  dateClosed: string;
}

/** A getcases entry: enough to choose which cases to ask the details of. */
export interface ICaseworkListedCase {
  caseId: string;
  caseType: string;
  dateReceived: string;
}

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

/** Parses getcases' JSON (an array of cases); `what` names the request in messages. */
export function parseCaseList(body: string, what: string): ICaseworkListedCase[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw new ICaseworkError("malformed", `iCasework's answer to ${what} is not valid JSON (${(err as Error).message}); expected a JSON array of cases`);
  }
  if (!Array.isArray(data)) throw new ICaseworkError("malformed", `iCasework's answer to ${what} is JSON but not an array; expected a JSON array of cases`);
  return data.map((entry, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const caseId = text(e.CaseId);
    if (!caseId) throw new ICaseworkError("malformed", `iCasework's answer to ${what}: entry ${i + 1} has no CaseId; expected each case with CaseId and CaseType`);
    return { caseId, caseType: text(e.CaseType), dateReceived: text(e.DateReceived) };
  });
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Every value stays text as written: "0012" is a case id, not the number 12.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "Case",
});

/** Parses getcasedetails' XML (`<Cases><Case>` with dotted element names) into one case. */
export function parseCaseDetails(body: string, what: string): ICaseworkCase {
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new ICaseworkError("malformed", `iCasework's answer to ${what} is not valid XML (line ${valid.err.line}: ${valid.err.msg}); expected <Cases><Case>…</Case></Cases>`);
  const doc = parser.parse(body) as { Cases?: { Case?: Record<string, unknown>[] } | string };
  const found = typeof doc.Cases === "object" ? doc.Cases.Case : undefined;
  if (!found || found.length !== 1) throw new ICaseworkError("malformed", `iCasework's answer to ${what} holds ${found?.length ?? 0} <Case> elements${doc.Cases === undefined ? " and no <Cases>" : ""}; expected <Cases> with one <Case>`);
  const c = found[0]!;
  const get = (name: string) => text(c[name]);
  const stage = (n: number): ICaseworkStage => ({
    dateReceived: get(`CaseStageStage${n}.DateReceived`),
    dateDue: get(`CaseStageStage${n}.DateDue`),
    dateCompleted: get(`CaseStageStage${n}.DateCompleted`),
    outcome: get(`CaseStageStage${n}.Outcome`),
    outcomeBy: get(`CaseStageStage${n}.OutcomeBy`),
  });
  const caseId = get("CaseDetails.CaseId");
  if (!caseId) throw new ICaseworkError("malformed", `iCasework's answer to ${what} has no CaseDetails.CaseId; expected the case's details`);
  return {
    caseId,
    caseType: get("CaseDetails.CaseType"),
    status: get("CaseStatus.Status"),
    dateReceived: get("CaseStatusReceipt.DateReceived"),
    stages: [stage(1), stage(2), stage(3), stage(4)],
    dateWithdrawn: get("CaseStatusWithdrawal.DateWithdrawn"),
    dateClosed: get("CaseStatusClosure.DateClosed"),
  };
}
