import { Field, InputType } from "type-graphql";
import { DateScalar } from "../scalars.js";

/** Which stages a metric covers. Every list is "any of"; the lists combine with AND. */
@InputType("MetricFilter", {
  description: "Which submitted stages a metric covers. Each list matches any of its values; different fields combine with AND. Unknown values are refused (BAD_USER_INPUT).",
})
export class MetricFilter {
  @Field(() => [String], { nullable: true, description: "Stage codes (e.g. DPIA, ISA)." })
  stages?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Tool slugs the initiative's IG ran on (e.g. isg, manual)." })
  tools?: string[] | null;

  @Field(() => [String], { nullable: true, description: "GSS codes (E09000001..E09000033): initiatives in which any of these boroughs takes part." })
  boroughs?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Organisations: London boroughs (GSS codes) and partner organisations (slugs, e.g. met-police). Initiatives in which any of them takes part, signing or not. In signOffTimes and openItems, only those organisations' sign-offs are listed.",
  })
  organisations?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Practice slugs: initiatives that used any of these practices (e.g. common-dpia-template)." })
  practices?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Earliest stage submission date (London date, inclusive)." })
  submittedFrom?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Latest stage submission date (London date, inclusive)." })
  submittedTo?: Date | null;
}
