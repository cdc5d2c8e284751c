import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import type { HubDb } from "../../db/connection.js";
import { InitiativeQueries } from "../../db/queries/index.js";
import { WriteSession, type EventRecord } from "../../db/writes/index.js";
import type { RecordStageEventInput } from "./initiative.mutation.input.js";
import type { StageEvent } from "./stage-event.type.js";
import { signerOrRefuse } from "./initiative.mutation.service.js";

/** The most events one `recordStageEvents` takes: one transaction a client can wait for; more go through POST /ingest or hub import. */
export const MAX_STAGE_EVENTS_PER_CALL = 500;

/** Canonical event fields (db/writes/) → the input fields that carry them. */
const INPUT_FIELD: Record<string, string> = { initiative_id: "initiativeId", stage: "stage", borough: "borough", kind: "kind", at: "at", source: "source", source_ref: "sourceRef" };

/**
 * `recordStageEvents`: many events in one write session, so they are recorded all together or not
 * at all, each by the rules of `recordStageEvent` (the same (source, sourceRef) with the same
 * content is not recorded twice).
 */
export class StageEventsWriteService {
  constructor(
    private readonly db: HubDb,
    /** Who writes: the viewer's API key id, or `anonymous`. */
    private readonly actor: string,
  ) {}

  /**
   * Records the events and returns them in input order. Refusal: BAD_USER_INPUT with the first
   * problem's message, `extensions.index` and `extensions.field` of that event, and every problem
   * in `extensions.problems` ({ index, field, message }).
   */
  async recordStageEvents(inputs: readonly RecordStageEventInput[]): Promise<StageEvent[]> {
    if (inputs.length > MAX_STAGE_EVENTS_PER_CALL)
      throw new GraphQLError(`recordStageEvents takes at most ${MAX_STAGE_EVENTS_PER_CALL} events in one call; got ${inputs.length}: split them (each call is all or nothing), or push a file to POST /ingest`, {
        extensions: { code: "BAD_USER_INPUT", field: "events", limit: MAX_STAGE_EVENTS_PER_CALL },
      });
    const records: EventRecord[] = inputs.map((input) => ({
      initiative_id: input.initiativeId,
      stage: input.stage,
      borough: signerOrRefuse(input) ?? "",
      kind: input.kind,
      at: input.at,
      source: input.source ?? "manual",
      source_ref: input.sourceRef ?? `graphql-${randomUUID()}`,
    }));
    const session = new WriteSession(this.db, { actor: this.actor }).begin();
    try {
      // line = index + 1: a position of the list, reported back as its index.
      records.forEach((rec, i) => session.addEvent(rec, { file: "events", line: i + 1 }));
    } catch (err) {
      session.abort();
      throw err;
    }
    const summary = session.finish();
    if (summary.errors.length > 0) {
      const problems = summary.errors.map((e) => ({ index: e.line - 1, field: INPUT_FIELD[e.field] ?? e.field, message: e.message }));
      throw new GraphQLError(`events[${problems[0]!.index}]: ${problems[0]!.message}`, { extensions: { code: "BAD_USER_INPUT", index: problems[0]!.index, field: problems[0]!.field, problems } });
    }
    const queries = new InitiativeQueries(this.db);
    return records.map((r) => queries.eventBySourceRef(r.source, r.source_ref) as StageEvent);
  }
}
