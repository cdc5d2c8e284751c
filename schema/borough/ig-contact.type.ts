import { Field, ObjectType } from "type-graphql";
import { IgRole } from "./borough.enums.js";

/** A borough's IG contact. Name and e-mail are personal data. */
@ObjectType("IgContact", { simpleResolvers: true, description: "A borough's contact for an IG role. Name and e-mail are personal data." })
export class IgContact {
  @Field(() => IgRole, { description: "The IG role this person holds." })
  role!: IgRole;

  @Field(() => String, { nullable: true, description: "The person's name (personal data: null when the caller may not see it)." })
  name!: string | null;

  @Field(() => String, { nullable: true, description: "The person's e-mail address (personal data: null when the caller may not see it)." })
  email!: string | null;

  @Field(() => Boolean, { description: "True when this contact is synthetic demo data, not a real person." })
  synthetic!: boolean;

  /** GSS code of the borough (not exposed: the personal-data guard needs it). */
  authorityCode!: string;
}
