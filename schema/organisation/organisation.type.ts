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

  @Field(() => String, { nullable: true, description: "The NHS Organisation Data Service (ODS) code, where known from a cited source (identifierSource); null means UNKNOWN — never invented." })
  odsCode!: string | null;

  @Field(() => String, { nullable: true, description: "The ICO data-protection registration number, where known from a cited source (identifierSource); null means UNKNOWN — never invented." })
  icoRegistration!: string | null;

  @Field(() => String, { nullable: true, description: "Where odsCode and icoRegistration come from (a public register's address); null when neither is known." })
  identifierSource!: string | null;

  @Field(() => Boolean, { description: "True when this organisation is synthetic demo data." })
  synthetic!: boolean;
}
