import type { HubContext } from "../context.js";

/**
 * THE hook for personal data (names and e-mails of IG contacts): every personal field resolves
 * through here. Returns normally when the viewer may see the personal data of the authority
 * `authorityCode`; otherwise throws a GraphQLError (code FORBIDDEN), which makes the field null
 * with that error. Until API keys and roles exist (the security work) everyone may see it.
 */
export function assertMaySeePersonalData(_ctx: HubContext, _authorityCode: string): void {
  // Deliberately permissive for now: the roles and borough scopes of the security work go here.
}
