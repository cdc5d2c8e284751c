import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

/** A partner organisation taking part in an initiative. */
@ObjectType("InitiativePartner", { simpleResolvers: true, description: "A partner organisation taking part in an initiative, and its role." })
export class InitiativePartner {
  @Field(() => String, { description: "The partner's role (PARTNER unless recorded otherwise)." })
  role!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it joined, if it joined late (null = from the start). From then on each stage not yet approved waits for its sign-off too." })
  joinedAt!: number | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When it left (null = still in). From then on it holds no stage up: a stage is approved at the first instant at which every signing participant present then (joined at or before it, not left at or before it) has signed; its events stay in the log.",
  })
  leftAt!: number | null;

  /** Keys (the `organisation` field resolves through a loader). */
  initiativeId!: string;
  organisationSlug!: string;
}
