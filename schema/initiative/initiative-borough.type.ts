import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { JOINED_AT_DESCRIPTION, LEFT_AT_DESCRIPTION } from "./participant-period.fields.js";
import { ParticipantRole } from "./initiative.enums.js";

/** A borough taking part in an initiative. */
@ObjectType("InitiativeBorough", { simpleResolvers: true, description: "A borough taking part in an initiative, and its role." })
export class InitiativeBorough {
  @Field(() => ParticipantRole, { description: "LEAD or PARTICIPANT." })
  role!: ParticipantRole;

  @Field(() => DateTimeScalar, { nullable: true, description: JOINED_AT_DESCRIPTION })
  joinedAt!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: LEFT_AT_DESCRIPTION })
  leftAt!: number | null;

  /** Keys (the `borough` field resolves through a loader). */
  initiativeId!: string;
  authorityCode!: string;
}
