import type { ApolloServerPlugin } from "@apollo/server";
import type { HubContext } from "../schema/context.js";
import { describeDataset } from "../db/dataset.js";

/**
 * Labels every GraphQL response from a database holding synthetic data with
 * `extensions.dataset = { kind, synthetic: true }`, so a number copied out of the API carries its
 * provenance even when the query did not ask for `dataset`.
 */
export function datasetLabelPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !contextValue?.db) return;
          const dataset = await describeDataset(contextValue.db);
          if (!dataset.synthetic) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, dataset: { kind: dataset.kind, synthetic: true } };
        },
      };
    },
  };
}
