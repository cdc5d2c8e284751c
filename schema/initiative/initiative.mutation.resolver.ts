import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { HubContext } from "../context.js";
import { ConnectionArgs } from "../common/connection.args.js";
import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from "../common/cursor.js";
import { AuditEntryConnection } from "./audit-entry-connection.mutation.type.js";
import type { AuditEntry } from "./audit-entry.mutation.type.js";
import { AddParticipantsInput, CreateInitiativeInput, RecordStageEventInput } from "./initiative.mutation.input.js";
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

  @Mutation(() => StageEvent, { description: "Records a stage event (validated like an imported events.csv row) and returns it. Errors: BAD_USER_INPUT with `extensions.field`." })
  async recordStageEvent(@Arg("input", () => RecordStageEventInput, { description: "The event." }) input: RecordStageEventInput, @Ctx() ctx: HubContext) {
    return service(ctx).recordStageEvent(input);
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
