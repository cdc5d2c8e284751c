import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

/** A borough's sign-off of a stage. */
@ObjectType("SignOff", { simpleResolvers: true, description: "A borough's sign-off of a stage: its own APPROVED event, or an initiative-wide APPROVED." })
export class SignOff {
  @Field(() => DateTimeScalar, { description: "When the borough signed the stage off." })
  approvedAt!: number;

  /** Key (the `borough` field resolves through a loader). */
  authorityCode!: string;
}
