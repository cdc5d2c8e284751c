import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { JOINED_AT_DESCRIPTION, LEFT_AT_DESCRIPTION } from "./participant-period.fields.js";

/** A partner organisation taking part in an initiative. */
@ObjectType("InitiativePartner", { simpleResolvers: true, description: "A partner organisation taking part in an initiative, and its role." })
export class InitiativePartner {
  @Field(() => String, { description: "The partner's role (PARTNER unless recorded otherwise)." })
  role!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: JOINED_AT_DESCRIPTION })
  joinedAt!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: LEFT_AT_DESCRIPTION })
  leftAt!: number | null;

  /** Keys (the `organisation` field resolves through a loader). */
  initiativeId!: string;
  organisationSlug!: string;
}
