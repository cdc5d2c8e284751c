import { Ctx, Query, Resolver } from "type-graphql";
import type { HubContext } from "../context.js";
import { describeDataset } from "./dataset.service.js";
import { Dataset } from "./dataset.type.js";

/** Labels the data: synthetic or not. */
@Resolver()
export class DatasetResolver {
  @Query(() => Dataset, { description: "What data this hub holds and whether it is synthetic." })
  async dataset(@Ctx() ctx: HubContext) {
    return describeDataset(ctx.db);
  }
}
