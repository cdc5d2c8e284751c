import { Field, ObjectType } from "type-graphql";
import { ParticipantRole } from "./initiative.enums.js";

/** A borough taking part in an initiative. */
@ObjectType("InitiativeBorough", { simpleResolvers: true, description: "A borough taking part in an initiative, and its role." })
export class InitiativeBorough {
  @Field(() => ParticipantRole, { description: "LEAD or PARTICIPANT." })
  role!: ParticipantRole;

  /** Keys (the `borough` field resolves through a loader). */
  initiativeId!: string;
  authorityCode!: string;
}
