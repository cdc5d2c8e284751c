import { ArgsType, Field, Int } from "type-graphql";

/** `first` / `after` arguments of every connection field (forward keyset pagination). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "How many items to return: 0 to 100, default 20." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an `endCursor` or edge `cursor` from the same field)." })
  after?: string | null;
}
