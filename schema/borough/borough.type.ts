import { Directive, Field, ObjectType } from "type-graphql";
import { DateScalar } from "../scalars.js";
import { LondonZone, LotiMembership } from "./borough.enums.js";

/** A London authority (32 boroughs and the City), keyed by ONS GSS code. */
@Directive('@key(fields: "code")')
@ObjectType("Borough", {
  simpleResolvers: true,
  description:
    "A London local authority (the 32 boroughs and the City of London), keyed by its ONS GSS code. Other subgraphs can extend it by `code`.",
})
export class Borough {
  @Field(() => String, { description: "ONS GSS code, E09000001 (City of London) to E09000033 (Westminster): the key." })
  code!: string;

  @Field(() => String, { description: "The authority's name, e.g. Camden." })
  name!: string;

  @Field(() => String, { description: "The same ONS GSS code as `code`, under its official name." })
  gssCode!: string;

  @Field(() => LondonZone, { description: "Inner or Outer London by the ONS statistical definition." })
  onsZone!: LondonZone;

  @Field(() => LondonZone, { description: "Inner or Outer London by the London Government Act 1963 (statutory) definition." })
  statutoryZone!: LondonZone;

  @Field(() => LotiMembership, { description: "LOTI membership as far as the sources say; UNKNOWN when unknown." })
  lotiMembership!: LotiMembership;

  @Field(() => DateScalar, { nullable: true, description: "When the borough joined LOTI, if known." })
  lotiMemberSince!: string | null;

  @Field(() => String, { description: "Where the facts about this authority come from (URL or citation)." })
  source!: string;
}
