import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { ParticipantRole } from "./initiative.enums.js";

/** A borough taking part in an initiative. */
@ObjectType("InitiativeBorough", { simpleResolvers: true, description: "A borough taking part in an initiative, and its role." })
export class InitiativeBorough {
  @Field(() => ParticipantRole, { description: "LEAD or PARTICIPANT." })
  role!: ParticipantRole;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it joined, if it joined late (null = from the start). From then on each stage not yet approved waits for its sign-off too." })
  joinedAt!: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When it left (null = still in). From then on it holds no stage up: a stage is approved at the first instant at which every signing participant present then (joined at or before it, not left at or before it) has signed; its events stay in the log.",
  })
  leftAt!: number | null;

  /** Keys (the `borough` field resolves through a loader). */
  initiativeId!: string;
  authorityCode!: string;
}
