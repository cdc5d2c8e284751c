import { Field, ObjectType } from "type-graphql";

/** A partner organisation taking part in an initiative. */
@ObjectType("InitiativePartner", { simpleResolvers: true, description: "A partner organisation taking part in an initiative, and its role." })
export class InitiativePartner {
  @Field(() => String, { description: "The partner's role (PARTNER unless recorded otherwise)." })
  role!: string;

  /** Keys (the `organisation` field resolves through a loader). */
  initiativeId!: string;
  organisationSlug!: string;
}
