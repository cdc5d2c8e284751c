import { Field, Float, Int, ObjectType } from "type-graphql";

/** One requested percentile of a group. */
@ObjectType("PercentileValue", { description: "A percentile of time to approval (linear interpolation between closest ranks: numpy default, R type 7)." })
export class PercentileValue {
  @Field(() => Float, { description: "The percentile asked for, in [0, 100]." })
  p!: number;

  @Field(() => Float, { nullable: true, description: "Its value in the query's unit; null when the group has no approved stage." })
  value!: number | null;
}

/** Time to approval of one group of stages. */
@ObjectType("CycleTimeGroup", {
  description:
    "Time to approval (approved − submitted) of the stages in one group. Percentiles and the mean are over approved stages; open stages are censored at asOf for Kaplan–Meier; stages that ended REJECTED or WITHDRAWN are counted apart and left out of time to approval. Fields of dimensions not grouped by are null.",
})
export class CycleTimeGroup {
  @Field(() => String, { nullable: true, description: "Stage code (when grouped by STAGE)." })
  stage!: string | null;

  @Field(() => String, { nullable: true, description: "Tool slug (when grouped by TOOL)." })
  tool!: string | null;

  @Field(() => String, { nullable: true, description: "GSS code of a participating borough (when grouped by BOROUGH)." })
  borough!: string | null;

  @Field(() => String, { nullable: true, description: "A participating organisation (when grouped by ORGANISATION): a borough's GSS code or a partner organisation's slug." })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: "GSS code of the lead borough (when grouped by LEAD_BOROUGH)." })
  leadBorough!: string | null;

  @Field(() => String, { nullable: true, description: "Practice slug (when grouped by PRACTICE; null for initiatives using none)." })
  practice!: string | null;

  @Field(() => String, { nullable: true, description: "Submission period: 'YYYY-MM', 'YYYY-Qn' or 'YYYY' (when grouped by MONTH, QUARTER or YEAR)." })
  period!: string | null;

  @Field(() => Int, { description: "Stages submitted in the group (by asOf)." })
  count!: number;

  @Field(() => Int, { description: "Stages approved by asOf (every participating borough signed)." })
  approvedCount!: number;

  @Field(() => Int, { description: "Stages still open at asOf (censored)." })
  openCount!: number;

  @Field(() => Int, { description: "Stages that ended REJECTED by asOf." })
  rejectedCount!: number;

  @Field(() => Int, { description: "Stages that ended WITHDRAWN by asOf." })
  withdrawnCount!: number;

  @Field(() => Float, { nullable: true, description: "Mean time to approval of approved stages; null when none." })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: "Median (p50) time to approval of approved stages; null when none." })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: "85th percentile of time to approval of approved stages; null when none." })
  p85!: number | null;

  @Field(() => Float, { nullable: true, description: "95th percentile of time to approval of approved stages; null when none." })
  p95!: number | null;

  @Field(() => [PercentileValue], { description: "The percentiles asked for in `percentiles`, in that order." })
  percentiles!: PercentileValue[];

  @Field(() => Float, { nullable: true, description: "Mean rounds (1 + number of QUERY_RAISED) over the stages submitted in the group." })
  meanRounds!: number | null;
}
