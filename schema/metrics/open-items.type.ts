import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { ForecastBasisType, OpenItemForecast } from "./forecast.type.js";
import { HeldBy, HistoryScope, ServiceLevelSource, ServiceLevelState } from "./open-items.enums.js";

export { ForecastBasisType, InitiativeForecast, OpenItemForecast, ForecastLegBasis } from "./forecast.type.js";
export { HeldBy, HistoryScope, ServiceLevelSource, ServiceLevelState } from "./open-items.enums.js";

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

@ObjectType("ServiceLevelSetting", { description: "A stage's service level as set by an admin (stored in the hub's `meta` data, one key per process and stage)." })
export class ServiceLevelSetting {
  @Field(() => String, { description: "Process slug." })
  process!: string;

  @Field(() => String, { description: "Stage code." })
  stage!: string;

  @Field(() => Int, { nullable: true, description: "N of \"85% within N working days\"; null: none set, the stage's historical p85 applies." })
  days!: number | null;
}
