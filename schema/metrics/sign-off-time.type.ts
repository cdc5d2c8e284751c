import { Field, Float, Int, ObjectType } from "type-graphql";

/** One signer's own sign-off times on one stage. */
@ObjectType("BoroughSignOff", {
  description:
    "A signer's sign-off time on a stage: that signing participant's (borough's or partner organisation's) APPROVED − the stage's submission (a signer-less APPROVED signs for all). The slowest signer of a stage is its bottleneck; `lastToSignCount` counts how often this signer was it.",
})
export class BoroughSignOff {
  @Field(() => String, { nullable: true, description: "GSS code of the borough; null when the signer is a partner organisation (see `organisation`)." })
  borough!: string | null;

  @Field(() => String, { description: "The signer: a borough's GSS code or a partner organisation's slug (e.g. met-police)." })
  organisation!: string;

  @Field(() => Boolean, { description: "Whether the signer is a London borough (false: a partner organisation such as an NHS trust or the police)." })
  isBorough!: boolean;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => Int, { description: "Sign-offs by this signer (by asOf) on stages matching the filter." })
  signedCount!: number;

  @Field(() => Int, { description: "Open stages (at asOf) this signer takes part in (as a signing participant) but has not signed yet: censored at asOf." })
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

  @Field(() => Int, { description: "Approved stages with two or more signing participants (boroughs and partner organisations) on which this signer's sign-off was the last (ties count for each)." })
  lastToSignCount!: number;

  @Field(() => Int, { description: "Approved stages with two or more signing participants that this signer signed (the denominator of lastToSignShare)." })
  stagesWithPeers!: number;

  @Field(() => Float, { nullable: true, description: "lastToSignCount / stagesWithPeers; null when stagesWithPeers is 0." })
  lastToSignShare!: number | null;

  @Field(() => Float, { nullable: true, description: "Median sign-off time of the other signers (boroughs and partner organisations) on the same stages (the stages this signer signed)." })
  peerMedian!: number | null;

  @Field(() => Float, { nullable: true, description: "median − peerMedian: positive when this signer signs later than its peers." })
  differenceFromPeers!: number | null;

  @Field(() => Int, {
    description:
      "Sign-offs (of signedCount) with a DPO review recorded: the signer's first DPO_REVIEWED of the stage (or a signer-less one) at or before its APPROVED. The split below covers only these; without a review nothing is guessed.",
  })
  reviewedCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Median time from the stage's submission to the signer's DPO review (its first DPO_REVIEWED at or before its APPROVED), over the reviewed sign-offs, in the unit asked; null when none was reviewed.",
  })
  reviewMedian!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Median time from the signer's DPO review (its first DPO_REVIEWED at or before its APPROVED) to its sign-off (APPROVED), over the reviewed sign-offs, in the unit asked; null when none was reviewed.",
  })
  afterReviewMedian!: number | null;
}
