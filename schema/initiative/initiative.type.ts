import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../scalars.js";
import { InitiativeStatus } from "./initiative.enums.js";

/** A data-sharing project and the IG process it goes through. */
@Directive('@key(fields: "id")')
@ObjectType("Initiative", {
  simpleResolvers: true,
  description: "A data-sharing project between boroughs (and partners), and the IG process it goes through stage by stage. Keyed by id.",
})
export class Initiative {
  @Field(() => ID, { description: "Stable identifier of the initiative: the key." })
  id!: string;

  @Field(() => String, { description: "Short title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What the data sharing is for." })
  purpose!: string | null;

  @Field(() => InitiativeStatus, { description: "Where the initiative stands overall." })
  status!: InitiativeStatus;

  @Field(() => DateScalar, { description: "When the initiative was created (London date)." })
  createdAt!: string;

  @Field(() => Boolean, { description: "True when this initiative is synthetic demo data, not a real project." })
  synthetic!: boolean;

  /** Keys the relationship fields resolve through loaders. */
  leadBoroughCode!: string;
  toolSlug!: string;
  processSlug!: string;
}
