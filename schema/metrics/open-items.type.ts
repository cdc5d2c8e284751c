import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

export enum ServiceLevelState {
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  BREACHED = "BREACHED",
}
registerEnumType(ServiceLevelState, {
  name: "ServiceLevelState",
  description: "An open item against its stage's service level (\"85% within N working days\").",
  valuesConfig: {
    ON_TRACK: { description: "Not past N, and at least an even chance of approval within N given its age (or too little history to judge more than the age)." },
    AT_RISK: { description: "Not past N, but less than an even chance of approval within N given its age (Kaplan–Meier, censored items included)." },
    BREACHED: { description: "Older than N working days." },
  },
});

export enum HeldBy {
  IG = "IG",
  PROJECT_TEAM = "PROJECT_TEAM",
}
registerEnumType(HeldBy, {
  name: "HeldBy",
  description: "Who holds an open stage now.",
  valuesConfig: {
    IG: { description: "The IG teams (DPOs) reviewing it: no query round open." },
    PROJECT_TEAM: { description: "The project team answering a query round (a QUERY_RAISED not yet RESUBMITTED at asOf)." },
  },
});

export enum ServiceLevelSource {
  SET = "SET",
  HISTORICAL_P85 = "HISTORICAL_P85",
}
registerEnumType(ServiceLevelSource, {
  name: "ServiceLevelSource",
  description: "Where a stage's service level came from.",
  valuesConfig: {
    SET: { description: "Set by an admin (`setServiceLevel`), stored as data." },
    HISTORICAL_P85: { description: "The default: the stage's historical p85 in working days (Kaplan–Meier, censored items included, any tool, as of asOf)." },
  },
});

export enum HistoryScope {
  STAGE_AND_TOOL = "STAGE_AND_TOOL",
  STAGE = "STAGE",
}
registerEnumType(HistoryScope, {
  name: "HistoryScope",
  description: "Which comparable history an item is ranked and forecast against.",
  valuesConfig: {
    STAGE_AND_TOOL: { description: "The same stage on the same tool (it has at least the minimum items, 20)." },
    STAGE: { description: "The same stage on any tool (the tool's own history is below the minimum)." },
  },
});

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

@ObjectType("OpenItem", { description: "An open stage (organisation null) or one signer still to sign it, as of asOf." })
export class OpenItem {
  @Field(() => String, { description: "Initiative id." })
  initiativeId!: string;

  @Field(() => String, { description: "Initiative title." })
  title!: string;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => String, { description: "Tool slug of the initiative's IG." })
  tool!: string;

  @Field(() => String, {
    nullable: true,
    description: "The signer this item waits on (a borough's GSS code for now; partner codes when partners sign); null for the whole stage.",
  })
  organisation!: string | null;

  @Field(() => DateTimeScalar, { description: "When the stage was submitted." })
  submittedAt!: number;

  @Field(() => Float, { description: "Age at asOf in the unit asked." })
  age!: number;

  @Field(() => Int, { description: "Age at asOf in working days (what the rank, state and forecast use)." })
  ageWorkingDays!: number;

  @Field(() => ServiceLevelState, { description: "State against the stage's service level (ON_TRACK when the stage has none: no set level and no historical p85)." })
  state!: ServiceLevelState;

  @Field(() => HeldBy, { description: "Who holds the stage now: the project team while a query round is open, else IG." })
  heldBy!: HeldBy;

  @Field(() => [String], { description: "Participating boroughs that had not signed by asOf (GSS codes, sorted); for a signer item, that signer." })
  pendingSigners!: string[];

  @Field(() => Float, {
    nullable: true,
    description:
      "Percentile rank of the age among comparable history (the same stage and tool when it has at least 20 items, else the stage; signer items against signers' sign-off times): 100 × (1 − S(age)) on the Kaplan–Meier curve. Null with no history.",
  })
  ageRank!: number | null;

  @Field(() => Int, { nullable: true, description: "N of the stage's service level \"85% within N working days\": the level set as data, else the stage's historical p85 (see serviceLevelSource)." })
  serviceLevelDays!: number | null;

  @Field(() => ServiceLevelSource, { nullable: true, description: "Which of the two applies; null when neither exists." })
  serviceLevelSource!: ServiceLevelSource | null;

  @Field(() => Float, { nullable: true, description: "P(approved within N | still open at this age); 0 once BREACHED; null when the history is too thin." })
  withinLevelProbability!: number | null;

  @Field(() => OpenItemForecast, { description: "When it is done, given its age." })
  forecast!: OpenItemForecast;
}

@ObjectType("OpenItemList", { description: "Open items, oldest first, capped at `limit` (at most 5000)." })
export class OpenItemList {
  @Field(() => Int, { description: "Open items in all (stages and signers), before the cap." })
  totalCount!: number;

  @Field(() => [OpenItem], { description: "The oldest `limit` of them." })
  items!: OpenItem[];
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

@ObjectType("ServiceLevelSetting", { description: "A stage's service level as set by an admin (stored in the hub's `meta` data, one key per process and stage)." })
export class ServiceLevelSetting {
  @Field(() => String, { description: "Process slug." })
  process!: string;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => Int, { nullable: true, description: "N of \"85% within N working days\"; null: none set, the stage's historical p85 applies." })
  days!: number | null;
}
