import { Directive, Field, ObjectType } from "type-graphql";

/** A partner organisation that joins initiatives. */
@Directive('@key(fields: "slug")')
@ObjectType("Organisation", {
  simpleResolvers: true,
  description: "A partner organisation (NHS trust, police, GLA, ...) that takes part in initiatives alongside boroughs. Keyed by slug.",
})
export class Organisation {
  @Field(() => String, { description: "Stable identifier of the organisation: the key." })
  slug!: string;

  @Field(() => String, { description: "The organisation's name." })
  name!: string;

  @Field(() => String, { description: "What sort of organisation it is (e.g. NHS_TRUST, POLICE, GLA, OTHER)." })
  kind!: string;

  @Field(() => Boolean, { description: "True when this organisation is synthetic demo data." })
  synthetic!: boolean;
}
