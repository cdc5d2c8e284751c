import { Field, ID, InputType } from "type-graphql";
import { EventKind, InitiativeStatus } from "./initiative.enums.js";

/**
 * The signer an event input names: `organisation` (a GSS code or a partner's slug) or its older
 * synonym `borough`; undefined when neither is given, and null when the two disagree.
 */
export function inputSigner(input: { borough?: string | null; organisation?: string | null }): string | undefined | null {
  const b = input.borough ?? undefined;
  const o = input.organisation ?? undefined;
  if (b !== undefined && o !== undefined && b !== o) return null;
  return o ?? b;
}

/** A new initiative: the columns of the canonical `initiatives.csv`, validated by the same rules. */
@InputType("CreateInitiativeInput", { description: "A new initiative; validated by the same rules as an imported initiatives.csv row." })
export class CreateInitiativeInput {
  @Field(() => ID, { description: "Stable identifier of the new initiative (not used by any other)." })
  id!: string;

  @Field(() => String, { description: "Short title." })
  title!: string;

  @Field(() => String, { nullable: true, description: "What the data sharing is for." })
  purpose?: string | null;

  @Field(() => String, { description: "GSS code of the lead borough (also listed in `boroughs`)." })
  leadBorough!: string;

  @Field(() => [String], { description: "GSS codes of every participating borough, the lead included." })
  boroughs!: string[];

  @Field(() => [String], { nullable: true, description: "Partner organisation slugs; unknown slugs are created as partners." })
  partners?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Those of the boroughs and partners that do not sign (observers, processors): no stage waits for their APPROVED. Default: every participant signs." })
  nonSigning?: string[] | null;

  @Field(() => String, { description: "Slug of the tool the IG runs on: isg, onelondon, weisf, icase, ecins, flowz or manual." })
  tool!: string;

  @Field(() => [String], { nullable: true, description: "Slugs of the practices (templates, ways of working) used." })
  practices?: string[] | null;

  @Field(() => InitiativeStatus, { nullable: true, description: "Overall status; omitted = derived from the events (ACTIVE until they say otherwise)." })
  status?: InitiativeStatus | null;

  @Field(() => String, { description: "Creation date, ISO 8601 `YYYY-MM-DD`." })
  createdAt!: string;
}

/** Boroughs and partners joining an initiative. */
@InputType("AddParticipantsInput", { description: "Boroughs and partner organisations joining an initiative; ones already taking part are skipped." })
export class AddParticipantsInput {
  @Field(() => ID, { description: "The initiative's id." })
  initiativeId!: string;

  @Field(() => [String], { nullable: true, description: "GSS codes of boroughs joining (each stage then needs their sign-off too)." })
  boroughs?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Partner organisation slugs joining; unknown slugs are created as partners." })
  partners?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Those of the joining boroughs and partners that do not sign (observers, processors): no stage waits for their APPROVED. Default: every participant signs." })
  nonSigning?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "When they join (ISO 8601 date or date-time with zone); omitted = from the start. A stage approved before then does not wait for them; one still open at that moment is approved only once they have signed too.",
  })
  joinedAt?: string | null;
}

/** A participant leaving an initiative. */
@InputType("LeaveInitiativeInput", { description: "A borough or partner organisation leaving an initiative from a moment on." })
export class LeaveInitiativeInput {
  @Field(() => ID, { description: "The initiative's id." })
  initiativeId!: string;

  @Field(() => String, { description: "Who leaves: a participating borough's GSS code or a partner organisation's slug." })
  organisation!: string;

  @Field(() => String, { description: "When it leaves (ISO 8601 date or date-time with zone); after it joined." })
  at!: string;

  @Field(() => String, { description: "Why it leaves (kept in the audit trail)." })
  reason!: string;
}

/** One stage event: the columns of the canonical `events.csv`, validated by the same rules. */
@InputType("RecordStageEventInput", { description: "One stage event; validated by the same rules as an imported events.csv row." })
export class RecordStageEventInput {
  @Field(() => ID, { description: "The initiative's id." })
  initiativeId!: string;

  @Field(() => String, { description: "Stage code of the initiative's process (IDEA, CONCEPT, DPIA, ISA, REVIEW by default)." })
  stage!: string;

  @Field(() => String, { nullable: true, description: "GSS code of the borough the event concerns; omitted for an initiative-wide event. `organisation` says the same and also takes a partner's slug." })
  borough?: string | null;

  @Field(() => String, { nullable: true, description: "Who the event concerns (the signer of an APPROVED or REJECTED): a participating borough's GSS code or a partner organisation's slug, e.g. met-police; omitted (with `borough`) for an initiative-wide event." })
  organisation?: string | null;

  @Field(() => EventKind, { description: "What happened." })
  kind!: EventKind;

  @Field(() => String, { description: "When: ISO 8601 date-time with Z or an offset, or a date alone (that London date)." })
  at!: string;

  @Field(() => String, { nullable: true, description: "System the event comes from; default `manual`." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "The event's id in its source system; default a new unique id. Recording the same (source, sourceRef) again returns the stored event." })
  sourceRef?: string | null;
}

/** The right event that replaces a retracted one: omitted fields keep the retracted event's value. */
@InputType("CorrectStageEventInput", { description: "The event that replaces the one retracted; an omitted field keeps the retracted event's value (the source reference is always new)." })
export class CorrectStageEventInput {
  @Field(() => String, { nullable: true, description: "Stage code; omitted = the retracted event's stage." })
  stage?: string | null;

  @Field(() => String, { nullable: true, description: "GSS code of the borough the event concerns; omitted = the retracted event's, empty = initiative-wide." })
  borough?: string | null;

  @Field(() => String, { nullable: true, description: "Who the event concerns: a borough's GSS code or a partner organisation's slug; omitted (with `borough`) = the retracted event's, empty = initiative-wide." })
  organisation?: string | null;

  @Field(() => EventKind, { nullable: true, description: "What happened; omitted = the retracted event's kind." })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: "When: ISO 8601 date-time with Z or an offset, or a date alone (that London date); omitted = the retracted event's time." })
  at?: string | null;

  @Field(() => String, { nullable: true, description: "System the event comes from; default `manual`." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "The event's id in its source system; default a new unique id." })
  sourceRef?: string | null;
}

/** Changes to an initiative's descriptive fields. */
@InputType("UpdateInitiativeInput", { description: "Changes to an initiative; an omitted field keeps its value. Validated by the same rules as an imported initiatives.csv row." })
export class UpdateInitiativeInput {
  @Field(() => String, { nullable: true, description: "Short title." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "What the data sharing is for; an empty string clears it." })
  purpose?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the tool the IG runs on; a change moves the initiative to its new tool cohort in every metric at once." })
  tool?: string | null;

  @Field(() => [String], { nullable: true, description: "Slugs of the practices used: the whole new list (replaces the stored one)." })
  practices?: string[] | null;

  @Field(() => InitiativeStatus, { nullable: true, description: "Overall status, as stated (no longer derived from the events)." })
  status?: InitiativeStatus | null;
}
