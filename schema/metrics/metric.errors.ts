import { GraphQLError } from "graphql";
import { MetricArgumentError } from "../../analytics/metrics/index.js";

/** A GraphQL error for a bad argument: code BAD_USER_INPUT, naming the argument. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: "BAD_USER_INPUT", argument } });
}

/** A metric's plain argument error as the graph reports it (BAD_USER_INPUT); any other error as it is. */
export function toGraphQLError(err: unknown): unknown {
  return err instanceof MetricArgumentError ? badInput(err.argument, err.detail) : err;
}

/** Runs a metric, reporting its argument errors as BAD_USER_INPUT. */
export async function answerMetric<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toGraphQLError(err);
  }
}
