import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { Logger } from "pino";

/** What a data source answers the gateway with. */
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

/** Request headers the gateway passes on to every subgraph (the hub's API key lives in them). */
export const FORWARDED_HEADERS = ["authorization", "x-api-key"] as const;

/** The gateway's per-request context: the caller's headers to forward. */
export interface GatewayContext {
  forwardHeaders: Record<string, string>;
}

/** Why a call to a subgraph failed, in a word a user can search for (ECONNREFUSED, HTTP 502, ...). */
function failureReason(err: unknown): string {
  const failure = err as { code?: string; cause?: { code?: string }; extensions?: { response?: { status?: number } }; message?: string };
  const status = failure.extensions?.response?.status;
  if (status) return `HTTP ${status}`;
  return failure.code ?? failure.cause?.code ?? failure.message ?? String(err);
}

/**
 * A RemoteGraphQLDataSource that forwards the caller's credentials and turns a subgraph that
 * cannot be reached into a GraphQL error naming it (`extensions.code` SUBGRAPH_UNAVAILABLE),
 * so the gateway answers with the other subgraphs' data instead of failing the whole request.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly logger: Logger,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and loading carry no caller context; only incoming operations forward headers.
    const forward = (context as Partial<GatewayContext> | undefined)?.forwardHeaders ?? {};
    for (const [k, v] of Object.entries(forward)) request.http?.headers.set(k, v);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (err) {
      const reason = failureReason(err);
      this.logger.warn({ subgraph: this.name, url: this.url, reason }, `subgraph "${this.name}" is unavailable (${reason})`);
      // Returned, not thrown: the gateway then attaches the subgraph name and the response path
      // to the error and keeps the data the other subgraphs returned.
      return {
        errors: [
          {
            message: `Subgraph "${this.name}" is unavailable (${reason}); the fields it serves are null in this result. Try again later.`,
            extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: this.name },
          },
        ],
      } as unknown as GatewayGraphQLResponse;
    }
  }
}
