import { Ctx, Query, Resolver } from "type-graphql";
import { describeDataset } from "../../db/dataset.js";
import type { HubContext } from "../context.js";
import { Dataset } from "./dataset.type.js";

/** Labels the data: synthetic or not. */
@Resolver()
export class DatasetResolver {
  @Query(() => Dataset, { description: "What data this hub holds and whether it is synthetic." })
  dataset(@Ctx() ctx: HubContext) {
    return describeDataset(ctx.db);
  }
}
