import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

/** Who took an event back, when and why (the RETRACTED row that names it). */
@ObjectType("Retraction", { simpleResolvers: true, description: "The retraction of a stage event: a RETRACTED row of the log naming it. The event stays in the log; cycles and metrics leave both out." })
export class Retraction {
  @Field(() => ID, { description: "Identifier of the RETRACTED event." })
  id!: string;

  @Field(() => DateTimeScalar, { description: "When the event was retracted (UTC)." })
  at!: number;

  @Field(() => String, { nullable: true, description: "Why it was retracted." })
  reason!: string | null;

  @Field(() => String, { description: "Who retracted it: an API key id, `import:<file>`, ..." })
  recordedBy!: string;
}
