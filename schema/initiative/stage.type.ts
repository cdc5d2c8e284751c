import { Field, Int, ObjectType } from "type-graphql";

/** One stage of an IG process. */
@ObjectType("Stage", { simpleResolvers: true, description: "One stage of an IG process (e.g. DPIA), in its process's order." })
export class Stage {
  @Field(() => String, { description: "Stage code, unique within its process: IDEA, CONCEPT, DPIA, ISA, REVIEW in the default process." })
  code!: string;

  @Field(() => String, { description: "The stage's name." })
  name!: string;

  @Field(() => Int, { description: "Order of the stage in its process (ascending)." })
  position!: number;

  @Field(() => String, { description: "What happens in the stage." })
  description!: string;

  @Field(() => String, { description: "Slug of the process the stage belongs to." })
  processSlug!: string;
}
