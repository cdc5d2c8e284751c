import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { HubContext } from "../context.js";
import { IgContact } from "./ig-contact.type.js";
import { assertMaySeePersonalData } from "./personal-data.guard.js";

/** The personal fields of an IG contact: each one passes the personal-data guard. */
@Resolver(() => IgContact)
export class IgContactResolver {
  @FieldResolver(() => String, { nullable: true, description: "The person's name (personal data: null, with a FORBIDDEN error, when the caller may not see it)." })
  name(@Root() contact: IgContact, @Ctx() ctx: HubContext): string | null {
    assertMaySeePersonalData(ctx, contact.authorityCode);
    return contact.name;
  }

  @FieldResolver(() => String, { nullable: true, description: "The person's e-mail address (personal data: null, with a FORBIDDEN error, when the caller may not see it)." })
  email(@Root() contact: IgContact, @Ctx() ctx: HubContext): string | null {
    assertMaySeePersonalData(ctx, contact.authorityCode);
    return contact.email;
  }
}
