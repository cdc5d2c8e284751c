import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { StageStatus } from "./initiative.enums.js";
import { Stage } from "./stage.type.js";

/** Where one stage of one initiative stands, from the derived stage cycles. */
@ObjectType("StageSummary", {
  simpleResolvers: true,
  description: "Where one stage of an initiative stands: derived from its events (submitted at the first SUBMITTED; approved when every participating borough has signed off).",
})
export class StageSummary {
  @Field(() => Stage, { description: "The stage." })
  stage!: Stage;

  @Field(() => StageStatus, { description: "NOT_STARTED, OPEN, APPROVED, REJECTED or WITHDRAWN." })
  status!: StageStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: "The stage's first SUBMITTED event; null when not started." })
  submittedAt!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the last participating borough signed off; null unless APPROVED." })
  approvedAt!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the stage ended REJECTED or WITHDRAWN; null otherwise." })
  endedAt!: number | null;

  @Field(() => Int, { description: "Review rounds: 1 + the number of QUERY_RAISED events (0 when not started)." })
  rounds!: number;

  /** The initiative (the `signOffs` and `pendingBoroughs` fields load its sign-offs only when asked). */
  initiativeId!: string;
}
