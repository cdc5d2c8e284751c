import { Field, InputType } from "type-graphql";
import { DateScalar } from "../scalars.js";
import { InitiativeStatus } from "./initiative.enums.js";

/** Which initiatives a list returns; every given condition must hold (AND), each list matches any of its values (OR). */
@InputType("InitiativeFilter", {
  description: "Narrows a list of initiatives. Every given condition must hold; a list condition matches any of its values (a null or empty list sets no condition).",
})
export class InitiativeFilter {
  @Field(() => [String], { nullable: true, description: "GSS codes: initiatives in which any of these boroughs takes part (lead or participant)." })
  boroughs?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Tool slugs: initiatives whose IG ran on any of these tools (e.g. `isg`, `manual`)." })
  tools?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Practice slugs: initiatives that used any of these practices." })
  practices?: string[] | null;

  @Field(() => [InitiativeStatus], { nullable: true, description: "Initiatives with any of these statuses." })
  statuses?: InitiativeStatus[] | null;

  @Field(() => [String], { nullable: true, description: "Stage codes: initiatives that have submitted any of these stages (e.g. `DPIA`)." })
  stages?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Initiatives created on or after this date." })
  createdFrom?: Date | string | null;

  @Field(() => DateScalar, { nullable: true, description: "Initiatives created on or before this date." })
  createdTo?: Date | string | null;

  @Field(() => String, { nullable: true, description: "Text that the title or purpose contains (case-insensitive)." })
  search?: string | null;
}
