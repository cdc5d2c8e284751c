import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { HistoryScope } from "./open-items.enums.js";

@ObjectType("ForecastBasis", { description: "How many comparable items a forecast rests on." })
export class ForecastBasisType {
  @Field(() => Int, { description: "Comparable items, approved and still open (censored)." })
  items!: number;

  @Field(() => Int, { description: "Of which approved." })
  approved!: number;

  @Field(() => Int, { description: "Comparable items that lasted beyond this item's age." })
  atRiskBeyondAge!: number;
}

@ObjectType("OpenItemForecast", {
  description:
    "When an open item is done with probability 50/85/95%, given its age: the conditional quantile of the Kaplan–Meier curve of comparable history (censored items included), in working days since submission turned into London dates. Each date is given as the instant 00:00 Europe/London of that London day. Below 20 comparable items, or 5 lasting beyond its age, the dates are null and `reason` says why.",
})
export class OpenItemForecast {
  @Field(() => DateTimeScalar, { nullable: true, description: "Done by this London day (00:00 Europe/London) with probability 50%." })
  p50!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Done by this London day (00:00 Europe/London) with probability 85%." })
  p85!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Done by this London day (00:00 Europe/London) with probability 95%." })
  p95!: number | null;

  @Field(() => Int, { nullable: true, description: "p50 in working days since submission." })
  p50WorkingDays!: number | null;

  @Field(() => Int, { nullable: true, description: "p85 in working days since submission." })
  p85WorkingDays!: number | null;

  @Field(() => Int, { nullable: true, description: "p95 in working days since submission." })
  p95WorkingDays!: number | null;

  @Field(() => ForecastBasisType, { description: "The comparable items it rests on." })
  basis!: ForecastBasisType;

  @Field(() => HistoryScope, { description: "Which comparable history." })
  scope!: HistoryScope;

  @Field(() => String, { nullable: true, description: "Why a date is missing; null when all three are given." })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "THIN_HISTORY, FEW_AT_RISK or BEYOND_HISTORY; null when all three dates are given." })
  reasonCode!: string | null;
}

@ObjectType("ForecastLegBasis", { description: "One leg of a Monte Carlo forecast and the history it rests on." })
export class ForecastLegBasis {
  @Field(() => String, { description: "A stage code, or `wait before <stage>`." })
  label!: string;

  @Field(() => Int, { description: "Comparable items." })
  items!: number;

  @Field(() => Int, { description: "Of which approved (ended)." })
  approved!: number;

  @Field(() => Int, { nullable: true, description: "For the open leg, items that lasted beyond its age; null for legs not started." })
  atRiskBeyondAge!: number | null;
}

@ObjectType("InitiativeForecast", {
  description:
    "When an initiative's ISA is approved: seeded Monte Carlo through its remaining stages and the waits between them (Kaplan–Meier inverse sampling; the open leg conditioned on its age). Dates are the instant 00:00 Europe/London of the London day; null with a reason when there is none.",
})
export class InitiativeForecast {
  @Field(() => String, { description: "Initiative id." })
  initiativeId!: string;

  @Field(() => String, { description: "The stage forecast (ISA)." })
  target!: string;

  @Field(() => String, { nullable: true, description: "The open stage, or the stage it waits to submit." })
  atStage!: string | null;

  @Field(() => Boolean, { description: "True when no stage is open and it waits to submit atStage." })
  waiting!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: "Approved by this day with probability 50%." })
  p50!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Approved by this day with probability 85%." })
  p85!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Approved by this day with probability 95%." })
  p95!: number | null;

  @Field(() => Int, { description: "Monte Carlo runs." })
  runs!: number;

  @Field(() => Int, { description: "Seed of the hub's generator: the same seed, the same dates." })
  seed!: number;

  @Field(() => Float, { nullable: true, description: "Share of runs that ended within every leg's history." })
  finishedShare!: number | null;

  @Field(() => [ForecastLegBasis], { description: "The basis of each leg." })
  legs!: ForecastLegBasis[];

  @Field(() => String, { nullable: true, description: "Why a date is missing." })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "THIN_HISTORY, FEW_AT_RISK, BEYOND_HISTORY, APPROVED, ENDED or NOT_STARTED." })
  reasonCode!: string | null;
}
