import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { HubContext } from "../context.js";
import { RecordStageEventInput } from "./initiative.mutation.input.js";
import { StageEvent } from "./stage-event.type.js";
import { MAX_STAGE_EVENTS_PER_CALL, StageEventsWriteService } from "./stage-events.mutation.service.js";

@Resolver()
export class StageEventsMutationResolver {
  @Mutation(() => [StageEvent], {
    description: `Records up to ${MAX_STAGE_EVENTS_PER_CALL} stage events in one all-or-nothing write (each validated as recordStageEvent validates one) and returns them in input order. Errors: BAD_USER_INPUT with \`extensions.index\` and \`extensions.field\` of the first event at fault and every problem in \`extensions.problems\`; more than ${MAX_STAGE_EVENTS_PER_CALL} events: BAD_USER_INPUT naming the limit.`,
  })
  async recordStageEvents(@Arg("events", () => [RecordStageEventInput], { description: "The events, in the order they are checked." }) events: RecordStageEventInput[], @Ctx() ctx: HubContext) {
    return new StageEventsWriteService(ctx.db, ctx.viewer.keyId ?? "anonymous").recordStageEvents(events);
  }
}
