import { parseEventTime } from "../../db/import/timestamp.js";
import { GraphQLError } from "graphql";
import type { RowError, WriteSummary } from "../../db/writes/index.js";

/** Canonical field names (db/writes/) → the GraphQL input fields that carry them. */
const INPUT_FIELD: Record<string, string> = {
  id: "id",
  title: "title",
  lead_borough: "leadBorough",
  boroughs: "boroughs",
  partners: "partners",
  tool: "tool",
  practices: "practices",
  status: "status",
  created_at: "createdAt",
  initiative_id: "initiativeId",
  stage: "stage",
  borough: "borough",
  kind: "kind",
  at: "at",
  source: "source",
  source_ref: "sourceRef",
  retracts: "id",
  reason: "reason",
};

/** Where a GraphQL write's record "comes from", for the write service's messages. */
export const INPUT = { file: "input", line: 0 };

/**
 * The refusal of a write as a GraphQL error: BAD_USER_INPUT, the first problem's message, the
 * input field at fault in `extensions.field`, and every problem in `extensions.problems`.
 */
export function refusal(errors: RowError[]): GraphQLError {
  const problems = errors.map((e) => ({ field: INPUT_FIELD[e.field] ?? e.field, message: e.message }));
  return new GraphQLError(problems[0]!.message, { extensions: { code: "BAD_USER_INPUT", field: problems[0]!.field, problems } });
}

export function check(summary: WriteSummary): WriteSummary {
  if (summary.errors.length > 0) throw refusal(summary.errors);
  return summary;
}

/** An ISO date or date-time input as epoch ms, or BAD_USER_INPUT naming the field. */
export function inputInstant(value: string, field: string): number {
  const t = parseEventTime(value.trim());
  if (t === null) throw refusal([{ file: "input", line: 0, column: field, field, message: `${field} ${JSON.stringify(value)} is not a time; expected an ISO 8601 date (YYYY-MM-DD) or date-time with zone, e.g. 2024-05-01T09:00:00Z` }]);
  return t;
}
