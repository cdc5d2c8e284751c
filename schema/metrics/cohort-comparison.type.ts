import { Field, Float, Int, ObjectType } from "type-graphql";
import { DurationUnit } from "./metric.enums.js";

/** The counts and medians behind one side of a comparison. */
@ObjectType("CohortSummary", { description: "One cohort of a comparison: the counts behind it and its time to approval on the stage." })
export class CohortSummary {
  @Field(() => Int, { description: "Stages submitted (by asOf)." })
  count!: number;

  @Field(() => Int, { description: "Stages approved by asOf: the sample the median and the bootstrap use." })
  approvedCount!: number;

  @Field(() => Int, { description: "Stages open at asOf (censored)." })
  openCount!: number;

  @Field(() => Int, { description: "Stages ended REJECTED." })
  rejectedCount!: number;

  @Field(() => Int, { description: "Stages ended WITHDRAWN." })
  withdrawnCount!: number;

  @Field(() => Float, { nullable: true, description: "Median time to approval of approved stages (type 7); null when none." })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: "Mean time to approval of approved stages; null when none." })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: "Kaplan–Meier median with open stages censored at asOf; null if S(t) never reaches 0.5." })
  kaplanMeierMedian!: number | null;
}

/** Difference of medians of two cohorts with its bootstrap interval. */
@ObjectType("CohortComparison", {
  description:
    "Comparison of two cohorts on one stage: difference of medians of time to approval, median(b) − median(a) (negative: b is faster), with a 95% percentile bootstrap interval (seeded and reproducible: same inputs and seed, same interval) and the counts behind it.",
})
export class CohortComparison {
  @Field(() => String, { description: "The stage compared." })
  stage!: string;

  @Field(() => DurationUnit, { description: "Unit of every duration here." })
  unit!: DurationUnit;

  @Field(() => CohortSummary, { description: "Cohort a." })
  a!: CohortSummary;

  @Field(() => CohortSummary, { description: "Cohort b." })
  b!: CohortSummary;

  @Field(() => Float, { nullable: true, description: "median(b) − median(a); null when either cohort has no approved stage." })
  difference!: number | null;

  @Field(() => Float, { nullable: true, description: "Lower end of the 95% bootstrap interval (2.5th percentile of the resampled differences)." })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper end of the 95% bootstrap interval (97.5th percentile of the resampled differences)." })
  high!: number | null;

  @Field(() => Float, { description: "Confidence level of the interval (0.95)." })
  confidence!: number;

  @Field(() => Int, { description: "Bootstrap resamples drawn." })
  resamples!: number;

  @Field(() => Int, { description: "Seed of the bootstrap's pseudo-random generator." })
  seed!: number;
}
