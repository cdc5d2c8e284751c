import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../scalars.js";
import { FlowInterval } from "./metric.enums.js";

/** Counts of one interval. */
@ObjectType("FlowPoint", { description: "One interval of a flow series." })
export class FlowPoint {
  @Field(() => String, { description: "'YYYY-Www', 'YYYY-MM' or 'YYYY-Qn'." })
  label!: string;

  @Field(() => DateScalar, { description: "First day of the interval (London date)." })
  start!: string;

  @Field(() => DateScalar, { description: "Last day of the interval (London date)." })
  end!: string;

  @Field(() => Int, { description: "Stages submitted in the interval." })
  arrivals!: number;

  @Field(() => Int, { description: "Throughput: stages approved in the interval." })
  throughput!: number;

  @Field(() => Int, { description: "Stages that ended REJECTED or WITHDRAWN in the interval." })
  closedOther!: number;

  @Field(() => Int, { description: "Work in progress at the interval's end: stages submitted and not yet approved, rejected or withdrawn." })
  wip!: number;
}

/** One point of a cumulative-flow diagram. */
@ObjectType("CumulativeFlowPoint", { description: "Cumulative counts of one stage up to an interval's end (all data before the range included)." })
export class CumulativeFlowPoint {
  @Field(() => String, { description: "Interval label." })
  label!: string;

  @Field(() => DateScalar, { description: "Last day of the interval." })
  end!: string;

  @Field(() => Int, { description: "Stages submitted up to the interval's end." })
  submitted!: number;

  @Field(() => Int, { description: "Stages approved up to the interval's end." })
  approved!: number;

  @Field(() => Int, { description: "Stages ended REJECTED or WITHDRAWN up to the interval's end." })
  closedOther!: number;

  @Field(() => Int, { description: "In progress at the interval's end: submitted − approved − closedOther." })
  inProgress!: number;
}

/** Cumulative flow of one stage. */
@ObjectType("StageCumulativeFlow", { description: "Cumulative flow of one stage over the series' intervals." })
export class StageCumulativeFlow {
  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => [CumulativeFlowPoint], { description: "One point per interval." })
  points!: CumulativeFlowPoint[];
}

/** An open stage and its age. */
@ObjectType("OpenStageAge", { description: "A stage still open at the series' asOf, and its age (work-item age)." })
export class OpenStageAge {
  @Field(() => String, { description: "Initiative id." })
  initiativeId!: string;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => DateTimeScalar, { description: "When the stage was submitted." })
  submittedAt!: Date;

  @Field(() => Float, { description: "Age in calendar days (exact elapsed time / 24 h) at asOf." })
  ageDays!: number;

  @Field(() => Int, { description: "Age in England & Wales working days at asOf." })
  ageWorkingDays!: number;
}

/** Ages of the open items. */
@ObjectType("OpenItemAges", { description: "Ages of the stages open at asOf: the end of the range, or now if that is earlier." })
export class OpenItemAges {
  @Field(() => DateTimeScalar, { description: "The instant the ages are measured at." })
  asOf!: Date;

  @Field(() => Int, { description: "Stages open at asOf." })
  count!: number;

  @Field(() => Float, { nullable: true, description: "Median age in calendar days; null when nothing is open." })
  medianAgeDays!: number | null;

  @Field(() => Float, { nullable: true, description: "85th percentile of age in calendar days." })
  p85AgeDays!: number | null;

  @Field(() => Float, { nullable: true, description: "Oldest age in calendar days." })
  maxAgeDays!: number | null;

  @Field(() => Float, { nullable: true, description: "Median age in working days." })
  medianAgeWorkingDays!: number | null;

  @Field(() => [OpenStageAge], { description: "The oldest open stages, oldest first (as many as the `oldest` argument of `flow`)." })
  oldest!: OpenStageAge[];
}

/** A flow series. */
@ObjectType("FlowSeries", {
  description:
    "Flow of stages over from..to: throughput (stages approved per interval), work in progress at each interval end, ages of open items, and cumulative flow per stage.",
})
export class FlowSeries {
  @Field(() => DateScalar, { description: "First day asked for." })
  from!: string;

  @Field(() => DateScalar, { description: "Last day asked for." })
  to!: string;

  @Field(() => FlowInterval, { description: "Interval of the points." })
  interval!: FlowInterval;

  @Field(() => [FlowPoint], { description: "Totals over the filtered stages, one per interval." })
  points!: FlowPoint[];

  @Field(() => [StageCumulativeFlow], { description: "Cumulative flow per stage (stages that have any submitted stage)." })
  stages!: StageCumulativeFlow[];

  @Field(() => OpenItemAges, { description: "Ages of the stages open at the end of the range." })
  openItems!: OpenItemAges;
}
