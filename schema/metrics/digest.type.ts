import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";
import { Agreement } from "./agreement-register.type.js";
import { OpenItem } from "./open-items.type.js";

@ObjectType("Digest", {
  description:
    "One organisation's weekly digest as data (what `hub report digest` renders as Markdown, CSV or HTML): the sign-offs waiting on it, what its initiatives wait on from others, and its reviews due.",
})
export class Digest {
  @Field(() => String, { description: "The organisation's code (a borough's GSS code)." })
  organisation!: string;

  @Field(() => DateTimeScalar, { description: "The instant the digest is as of." })
  asOf!: number;

  @Field(() => Int, { description: "The forecasts' history window in days (0 = all history; see openItems' historyDays)." })
  historyDays!: number;

  @Field(() => Boolean, { description: "True when the data is synthetic (a page showing the digest must say so)." })
  synthetic!: boolean;

  @Field(() => [OpenItem], { description: "Sign-offs waiting on the organisation (signer items: `organisation` is it), oldest first, with state and forecast." })
  waitingOnIt!: OpenItem[];

  @Field(() => [OpenItem], {
    description: "Open stages of the organisation's initiatives still waiting on other signers (whole-stage items; `pendingSigners` without the organisation), oldest first.",
  })
  waitingOnOthers!: OpenItem[];

  @Field(() => [Agreement], { description: "Its live agreements due for review within 90 days or overdue, by due date." })
  reviewsDue!: Agreement[];
}
