import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

export enum ReviewState {
  OK = "OK",
  DUE_SOON = "DUE_SOON",
  OVERDUE = "OVERDUE",
}
registerEnumType(ReviewState, {
  name: "ReviewState",
  description: "A live agreement's review as of asOf.",
  valuesConfig: {
    OK: { description: "Due later than dueWithinDays from asOf." },
    DUE_SOON: { description: "Due within dueWithinDays calendar days of asOf (asOf's day included)." },
    OVERDUE: { description: "The due date has passed." },
  },
});

export enum ReviewDueSource {
  RECORDED = "RECORDED",
  INTERVAL = "INTERVAL",
}
registerEnumType(ReviewDueSource, {
  name: "ReviewDueSource",
  description: "Where a review due date came from.",
  valuesConfig: {
    RECORDED: { description: "The REVIEW stage's submission date after the ISA's approval, the review not approved by asOf (scheduled after asOf, or under way)." },
    INTERVAL: { description: "The ISA's approval + 12 months (month ends clamp); from the REVIEW's approval once a review was approved by asOf." },
  },
});

@ObjectType("Agreement", { description: "A live agreement (an approved ISA) and its review." })
export class Agreement {
  @Field(() => String, { description: "Initiative id." })
  initiativeId!: string;

  @Field(() => String, { description: "Initiative title." })
  title!: string;

  @Field(() => String, { description: "Tool slug." })
  tool!: string;

  @Field(() => [String], { description: "Participating boroughs (GSS codes)." })
  boroughs!: string[];

  @Field(() => DateTimeScalar, { description: "When the ISA was approved." })
  approvedAt!: number;

  @Field(() => DateTimeScalar, { description: "The review due date, as the instant 00:00 Europe/London of that London day." })
  reviewDue!: number;

  @Field(() => ReviewDueSource, { description: "Recorded, or approval + the review interval." })
  source!: ReviewDueSource;

  @Field(() => Int, { description: "Calendar days from asOf's London date to the due date (negative when overdue)." })
  daysUntilDue!: number;

  @Field(() => ReviewState, { description: "OK, DUE_SOON or OVERDUE." })
  state!: ReviewState;
}
