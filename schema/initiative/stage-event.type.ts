import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { EventKind } from "./initiative.enums.js";

/** One entry of the append-only stage-event log. */
@ObjectType("StageEvent", {
  simpleResolvers: true,
  description: "One entry of the append-only stage-event log, the source of truth every metric is derived from (case = initiative, activity = stage + kind, timestamp = at). A mistaken event is not erased: a RETRACTED event names it, and cycles and metrics read the effective log (neither of the two).",
})
export class StageEvent {
  @Field(() => ID, { description: "Identifier of the event." })
  id!: string;

  @Field(() => String, { description: "Code of the stage the event belongs to (see `processes`)." })
  stage!: string;

  @Field(() => String, {
    nullable: true,
    description: "Who the event concerns (the signer of an APPROVED or REJECTED): a borough's GSS code or a partner organisation's slug; null for an initiative-wide event.",
  })
  organisation!: string | null;

  @Field(() => EventKind, { description: "What happened." })
  kind!: EventKind;

  @Field(() => DateTimeScalar, { description: "When it happened (UTC)." })
  at!: number;

  @Field(() => String, { description: "System the event came from (isg, onelondon, manual, seed, ...)." })
  source!: string;

  @Field(() => String, { description: "The event's reference in its source system (unique per source)." })
  sourceRef!: string;

  @Field(() => DateTimeScalar, { description: "When the hub recorded the event." })
  recordedAt!: number;

  @Field(() => String, { description: "Who recorded it: an API key id, `import:<file>`, `seed`, ..." })
  recordedBy!: string;

  @Field(() => ID, { nullable: true, description: "On a RETRACTED event: the id of the event it retracts; null otherwise." })
  retracts!: number | null;

  @Field(() => String, { nullable: true, description: "On a RETRACTED event: why the event it names was retracted; null otherwise." })
  reason!: string | null;

  /** Keys (the `borough` field resolves through a loader); numeric row id for cursors. */
  rowId!: number;
  initiativeId!: string;
  authorityCode!: string | null;
  /** The RETRACTED row naming this event, if any (`retracted` and `retraction` resolve from it). */
  retractedById!: number | null;
}
