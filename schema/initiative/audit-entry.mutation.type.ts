import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

/** One write recorded in the audit trail. */
@ObjectType("AuditEntry", { simpleResolvers: true, description: "One write to the hub: who made it, when, and what it changed (append-only)." })
export class AuditEntry {
  @Field(() => ID, { description: "Identifier of the entry (increasing in write order)." })
  id!: string;

  @Field(() => DateTimeScalar, { description: "When the write was made." })
  at!: number;

  @Field(() => String, { description: "Who made it: an API key id, `anonymous`, `import:<file>`, `seed`." })
  actor!: string;

  @Field(() => String, { description: "What was done: initiative.create, participants.add, participant.leave, event.record, events.import, import." })
  action!: string;

  @Field(() => String, { description: "Kind of thing written: initiative or import." })
  entityType!: string;

  @Field(() => String, { description: "Its id (an initiative id, or the imported file names)." })
  entityId!: string;

  @Field(() => String, { nullable: true, description: "The change as JSON (the values written, or counts for an import)." })
  detail!: string | null;

  /** Numeric id for cursors. */
  rowId!: number;
}
