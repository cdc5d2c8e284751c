import { Field, Int, ObjectType } from "type-graphql";

/** A row of the tool comparison. */
@ObjectType("Feature", { simpleResolvers: true, description: "A capability tools are compared on (organisation register, DPO directory, DPIA template, ...)." })
export class Feature {
  @Field(() => String, { description: "Stable identifier of the feature." })
  slug!: string;

  @Field(() => String, { description: "The feature's name." })
  name!: string;

  @Field(() => String, { description: "What the feature means." })
  description!: string;

  @Field(() => Int, { description: "Its row in the comparison table (ascending)." })
  position!: number;
}
