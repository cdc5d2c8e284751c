import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { InitiativeQueries } from "../../db/queries/index.js";
import { Borough } from "../borough/borough.type.js";
import type { HubContext } from "../context.js";
import { SignOff } from "./sign-off.type.js";
import { Retraction } from "./retraction.type.js";
import { StageEvent } from "./stage-event.type.js";
import { pendingBoroughCodes, stageSignOffs } from "./stage-summary.service.js";
import { StageSummary } from "./stage-summary.type.js";

/** The borough an event concerns, through the borough loader; its retraction, if any. */
@Resolver(() => StageEvent)
export class StageEventResolver {
  @FieldResolver(() => Boolean, { description: "True when a RETRACTED event takes this one back: it stays in the log, and cycles and metrics leave it out." })
  retracted(@Root() e: StageEvent): boolean {
    return e.retractedById !== null && e.retractedById !== undefined;
  }

  @FieldResolver(() => Retraction, { nullable: true, description: "Who retracted this event, when and why; null unless `retracted`." })
  retraction(@Root() e: StageEvent, @Ctx() ctx: HubContext): Retraction | null {
    if (e.retractedById === null || e.retractedById === undefined) return null;
    const r = new InitiativeQueries(ctx.db).eventById(Number(e.retractedById));
    return r ? { id: r.id, at: r.at, reason: r.reason, recordedBy: r.recordedBy } : null;
  }

  @FieldResolver(() => Borough, { nullable: true, description: "The borough the event concerns; null for an initiative-wide event." })
  async borough(@Root() e: StageEvent, @Ctx() ctx: HubContext) {
    return e.authorityCode === null ? null : ctx.loaders.borough.byCode.load(e.authorityCode);
  }
}

/** Sign-offs and pending boroughs of a stage summary: loaded (batched) only when asked for. */
@Resolver(() => StageSummary)
export class StageSummaryResolver {
  @FieldResolver(() => [SignOff], { description: "Sign-offs so far, earliest first." })
  async signOffs(@Root() s: StageSummary, @Ctx() ctx: HubContext) {
    return stageSignOffs(s.stage.code, await ctx.loaders.initiative.signoffs.load(s.initiativeId));
  }

  @FieldResolver(() => [Borough], { description: "Participating boroughs that have not signed off while the stage is OPEN (empty otherwise)." })
  async pendingBoroughs(@Root() s: StageSummary, @Ctx() ctx: HubContext) {
    const l = ctx.loaders.initiative;
    const [signoffs, participants] = await Promise.all([l.signoffs.load(s.initiativeId), l.boroughs.load(s.initiativeId)]);
    // Those taking part now: a borough that left holds no stage up, one joining later not yet.
    const now = Date.now();
    const present = participants.filter((p) => (p.leftAt === null || p.leftAt > now) && (p.joinedAt === null || p.joinedAt <= now));
    const rows = await ctx.loaders.borough.byCode.loadMany(pendingBoroughCodes(s, signoffs, present.map((p) => p.authorityCode)));
    return rows.filter((b): b is Borough => b !== null && !(b instanceof Error));
  }
}

/** The borough of a sign-off, through the borough loader. */
@Resolver(() => SignOff)
export class SignOffResolver {
  @FieldResolver(() => Borough, { description: "The borough that signed off." })
  async borough(@Root() s: SignOff, @Ctx() ctx: HubContext) {
    return ctx.loaders.borough.byCode.load(s.authorityCode);
  }
}
