import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from "../common/cursor.js";
import { AuditEntryConnection } from "./audit-entry-connection.mutation.type.js";
import type { AuditEntry } from "./audit-entry.mutation.type.js";
import { AddParticipantsInput, CorrectStageEventInput, CreateInitiativeInput, LeaveInitiativeInput, RecordStageEventInput, UpdateInitiativeInput } from "./initiative.mutation.input.js";
import { InitiativeWriteService } from "./initiative.mutation.service.js";
import { Initiative } from "./initiative.type.js";
import { StageEvent } from "./stage-event.type.js";

const service = (ctx: HubContext) => new InitiativeWriteService(ctx.db, ctx.viewer.keyId ?? "anonymous");

async function auditConnection(ctx: HubContext, entityType: string, entityId: string, args: ConnectionArgs) {
  const size = pageSize(args.first);
  const after = decodeCursor("audit", args.after, 1);
  if (after && typeof after[0] !== "number") throw badUserInput(`Argument "after" is not a cursor of this list.`, "after");
  const s = service(ctx);
  const rows = await s.auditPage(entityType, entityId, (after?.[0] as number | undefined) ?? 0, size + 1);
  return toConnection(rows, size, args.after, (r: AuditEntry) => encodeCursor("audit", [r.rowId]), () => s.auditCount(entityType, entityId));
}

/**
 * Writes through the graph (create an initiative, add participants, record a stage event) and
 * the audit trail. Thin: the rules live in db/writes/, shared with the importer; who may write
 * is decided by the access policy in front of every Mutation field (server/security/policy.ts).
 */
@Resolver(() => Initiative)
export class InitiativeMutationResolver {
  @Mutation(() => Initiative, { description: "Creates an initiative. Errors: BAD_USER_INPUT with `extensions.field` naming the input field at fault." })
  async createInitiative(@Arg("input", () => CreateInitiativeInput, { description: "The new initiative." }) input: CreateInitiativeInput, @Ctx() ctx: HubContext) {
    await service(ctx).createInitiative(input);
    ctx.loaders.initiative.byId.clear(input.id);
    return ctx.loaders.initiative.byId.load(input.id);
  }

  @Mutation(() => Initiative, { description: "Adds boroughs and partners to an initiative (each stage then needs the new boroughs' sign-off too). Errors: BAD_USER_INPUT with `extensions.field`." })
  async addParticipants(@Arg("input", () => AddParticipantsInput, { description: "Who joins which initiative." }) input: AddParticipantsInput, @Ctx() ctx: HubContext) {
    await service(ctx).addParticipants(input);
    ctx.loaders.initiative.byId.clear(input.initiativeId);
    return ctx.loaders.initiative.byId.load(input.initiativeId);
  }

  @Mutation(() => Initiative, {
    description:
      "A borough or partner organisation leaves an initiative from `at` (audited, with the reason): from then on it holds no stage up — a stage is approved at the first instant at which every signing participant present then has signed, so a stage that waited only for the leaver is approved at its leaving. Its events stay in the log. Errors: BAD_USER_INPUT when it does not take part, already left, or `at` is not after it joined.",
  })
  async leaveInitiative(@Arg("input", () => LeaveInitiativeInput, { description: "Who leaves which initiative, when and why." }) input: LeaveInitiativeInput, @Ctx() ctx: HubContext) {
    await service(ctx).leaveInitiative(input);
    ctx.loaders.initiative.byId.clear(input.initiativeId);
    return ctx.loaders.initiative.byId.load(input.initiativeId);
  }

  @Mutation(() => StageEvent, { description: "Records a stage event (validated like an imported events.csv row) and returns it. Errors: BAD_USER_INPUT with `extensions.field`." })
  async recordStageEvent(@Arg("input", () => RecordStageEventInput, { description: "The event." }) input: RecordStageEventInput, @Ctx() ctx: HubContext) {
    return service(ctx).recordStageEvent(input);
  }

  @Mutation(() => StageEvent, {
    description:
      "Retracts a mistaken stage event: records a RETRACTED event naming it (nothing is erased) and returns the retracted event, now marked. Its stage's cycle and every metric use the effective log at once. Errors: BAD_USER_INPUT for an unknown id, a RETRACTED event or one retracted already.",
  })
  async retractStageEvent(
    @Arg("id", () => ID, { description: "The event to retract." }) id: string,
    @Arg("reason", () => String, { description: "Why it is taken back (kept in the log and the audit trail)." }) reason: string,
    @Ctx() ctx: HubContext,
  ) {
    return service(ctx).retractStageEvent(id, reason);
  }

  @Mutation(() => StageEvent, {
    description: "Corrects a stage event: retracts it and records the right one in one transaction (both or neither); returns the new event. Errors: BAD_USER_INPUT as retractStageEvent and recordStageEvent.",
  })
  async correctStageEvent(
    @Arg("id", () => ID, { description: "The event to retract." }) id: string,
    @Arg("input", () => CorrectStageEventInput, { description: "The right event; omitted fields keep the retracted event's values." }) input: CorrectStageEventInput,
    @Arg("reason", () => String, { description: "Why the event is corrected." }) reason: string,
    @Ctx() ctx: HubContext,
  ) {
    return service(ctx).correctStageEvent(id, input, reason);
  }

  @Mutation(() => Initiative, {
    description: "Edits an initiative's title, purpose, tool, practices or status (audited). A tool change moves it to its new cohort in every metric at once. Errors: BAD_USER_INPUT with `extensions.field`.",
  })
  async updateInitiative(
    @Arg("id", () => ID, { description: "The initiative's id." }) id: string,
    @Arg("input", () => UpdateInitiativeInput, { description: "The fields to change." }) input: UpdateInitiativeInput,
    @Ctx() ctx: HubContext,
  ) {
    await service(ctx).updateInitiative(id, input);
    ctx.loaders.initiative.byId.clear(id);
    return ctx.loaders.initiative.byId.load(id);
  }

  @Query(() => AuditEntryConnection, { description: "The audit trail of one entity (who wrote what, when), oldest first." })
  async auditLog(
    @Arg("entityType", () => String, { description: "Kind of entity: initiative or import." }) entityType: string,
    @Arg("entityId", () => String, { description: "Its id." }) entityId: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: HubContext,
  ) {
    return auditConnection(ctx, entityType, entityId, args);
  }

  @FieldResolver(() => AuditEntryConnection, { description: "Every write to this initiative (creation, participants, events recorded or imported), oldest first." })
  async auditTrail(@Root() i: Initiative, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: HubContext) {
    return auditConnection(ctx, "initiative", i.id, args);
  }
}
