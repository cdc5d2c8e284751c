import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { IngestRunQueries } from "../../db/queries/ingest-run.queries.js";
import { badUserInput } from "../common/cursor.js";
import type { HubContext } from "../context.js";
import { IngestRun, IngestRunSource } from "./ingest-run.type.js";

/** The most runs one query lists. */
const MAX_RUNS = 100;

/** The data-quality view of what came in: recent imports, syncs and pushes. */
@Resolver()
export class IngestRunResolver {
  @Query(() => [IngestRun], { description: "Recent imports, syncs and HTTP pushes, newest first, with their counts and warnings. Errors: BAD_USER_INPUT for `last` outside 1..100." })
  ingestRuns(
    @Ctx() ctx: HubContext,
    @Arg("last", () => Int, { defaultValue: 20, description: "How many runs: 1 to 100." }) last: number,
    @Arg("source", () => IngestRunSource, { nullable: true, description: "Only runs of this kind." }) source?: IngestRunSource | null,
  ): IngestRun[] {
    if (!Number.isInteger(last) || last < 1 || last > MAX_RUNS) throw badUserInput(`last must be from 1 to ${MAX_RUNS} (got ${last})`, "last");
    return new IngestRunQueries(ctx.db).recent(last, source ?? undefined).map((r) => ({ ...r, at: new Date(r.at), source: r.source as IngestRunSource }));
  }
}
