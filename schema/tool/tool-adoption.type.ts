import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../scalars.js";

/** A borough's use of a tool over a period. */
@ObjectType("ToolAdoption", { simpleResolvers: true, description: "A borough's use of a tool from one date to another (to = null: still in use)." })
export class ToolAdoption {
  @Field(() => DateScalar, { description: "First day the borough used the tool." })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day of use; null while still in use." })
  to!: string | null;

  @Field(() => String, { description: "Where this adoption is recorded." })
  source!: string;

  @Field(() => Boolean, { description: "True when this adoption is synthetic demo data." })
  synthetic!: boolean;

  /** Tool slug and GSS code (the `tool` and `borough` fields resolve them through loaders). */
  toolSlug!: string;
  authorityCode!: string;
}
