import { Field, ObjectType } from "type-graphql";

/** A template or way of working an initiative may use. */
@ObjectType("Practice", {
  simpleResolvers: true,
  description: "A template or way of working whose effect on IG time is measured: `statement-of-intent`, `common-dpia-template`, `uksa-ethics-self-assessment`, `ig-at-concept`.",
})
export class Practice {
  @Field(() => String, { description: "Stable identifier of the practice." })
  slug!: string;

  @Field(() => String, { description: "The practice's name." })
  name!: string;

  @Field(() => String, { description: "What the practice is." })
  description!: string;

  @Field(() => String, { description: "Where it is described." })
  source!: string;
}
