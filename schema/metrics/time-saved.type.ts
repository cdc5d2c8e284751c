import { Field, Float, Int, ObjectType } from "type-graphql";
import { DurationUnit } from "./metric.enums.js";

/** Time saved on one stage. */
@ObjectType("StageTimeSaved", {
  description:
    "Time saved on one stage: (baseline median − cohort median) × approved stages in the cohort, with the 95% bootstrap interval carried through. With fewer than 10 approved stages on either side the numbers are null and `reason` says why.",
})
export class StageTimeSaved {
  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => Int, { description: "Approved stages in the cohort." })
  cohortApproved!: number;

  @Field(() => Int, { description: "Approved stages in the baseline." })
  baselineApproved!: number;

  @Field(() => Float, { nullable: true, description: "Cohort median time to approval." })
  cohortMedian!: number | null;

  @Field(() => Float, { nullable: true, description: "Baseline median time to approval." })
  baselineMedian!: number | null;

  @Field(() => Float, { nullable: true, description: "Time saved per stage: baseline median − cohort median." })
  savedPerStage!: number | null;

  @Field(() => Float, { nullable: true, description: "Lower end of the 95% bootstrap interval of savedPerStage." })
  savedPerStageLow!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper end of the 95% bootstrap interval of savedPerStage." })
  savedPerStageHigh!: number | null;

  @Field(() => Float, { nullable: true, description: "Time saved: savedPerStage × cohortApproved." })
  saved!: number | null;

  @Field(() => Float, { nullable: true, description: "savedPerStageLow × cohortApproved." })
  savedLow!: number | null;

  @Field(() => Float, { nullable: true, description: "savedPerStageHigh × cohortApproved." })
  savedHigh!: number | null;

  @Field(() => String, { nullable: true, description: "Why there is no number (too few approved stages), else null." })
  reason!: string | null;
}

/** A time-saved report. */
@ObjectType("TimeSavedReport", {
  description:
    "Time saved by a cohort (a tool, template or practice) against a baseline cohort: per stage (baseline median − cohort median) × approved stages in the cohort, totalled over the stages that support a number; the total's 95% interval is the percentile interval of the bootstrap replicates' totals. A stage with fewer than 10 approved stages on either side gives no number and a reason.",
})
export class TimeSavedReport {
  @Field(() => DurationUnit, { description: "Unit of every duration here." })
  unit!: DurationUnit;

  @Field(() => [StageTimeSaved], { description: "Per stage, in process order (stages with any submitted stage in either cohort)." })
  stages!: StageTimeSaved[];

  @Field(() => Float, { nullable: true, description: "Total time saved over the stages that support a number; null when none does." })
  total!: number | null;

  @Field(() => Float, { nullable: true, description: "Lower end of the total's 95% bootstrap interval." })
  totalLow!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper end of the total's 95% bootstrap interval." })
  totalHigh!: number | null;

  @Field(() => Int, { description: "Stages included in the total." })
  stagesCounted!: number;

  @Field(() => String, { nullable: true, description: "Why there is no total, else null." })
  reason!: string | null;

  @Field(() => Int, { description: "Bootstrap resamples drawn per stage." })
  resamples!: number;

  @Field(() => Int, { description: "Seed of the bootstrap's pseudo-random generator." })
  seed!: number;
}
