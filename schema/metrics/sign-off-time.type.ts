import { Field, Float, Int, ObjectType } from "type-graphql";

/** One borough's own sign-off times on one stage. */
@ObjectType("BoroughSignOff", {
  description:
    "A borough's sign-off time on a stage: that borough's APPROVED − the stage's submission (a borough-less APPROVED signs for all). The slowest borough of a stage is its bottleneck; `lastToSignCount` counts how often this borough was it.",
})
export class BoroughSignOff {
  @Field(() => String, { description: "GSS code of the borough." })
  borough!: string;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => Int, { description: "Sign-offs by this borough (by asOf) on stages matching the filter." })
  signedCount!: number;

  @Field(() => Int, { description: "Open stages (at asOf) this borough takes part in but has not signed yet: censored at asOf." })
  pendingCount!: number;

  @Field(() => Float, { nullable: true, description: "Mean sign-off time; null when none." })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: "Median sign-off time (type 7); null when none." })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: "85th percentile of sign-off time; null when none." })
  p85!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Kaplan–Meier median sign-off time with pending sign-offs censored at asOf: the smallest t with S(t) ≤ 0.5; null if never reached.",
  })
  kaplanMeierMedian!: number | null;

  @Field(() => Int, { description: "Approved stages with two or more participating boroughs on which this borough's sign-off was the last (ties count for each)." })
  lastToSignCount!: number;

  @Field(() => Int, { description: "Approved stages with two or more participating boroughs that this borough signed (the denominator of lastToSignShare)." })
  stagesWithPeers!: number;

  @Field(() => Float, { nullable: true, description: "lastToSignCount / stagesWithPeers; null when stagesWithPeers is 0." })
  lastToSignShare!: number | null;

  @Field(() => Float, { nullable: true, description: "Median sign-off time of the other boroughs on the same stages (the stages this borough signed)." })
  peerMedian!: number | null;

  @Field(() => Float, { nullable: true, description: "median − peerMedian: positive when this borough signs later than its peers." })
  differenceFromPeers!: number | null;
}
