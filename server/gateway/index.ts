/** Gateway mode: compose the hub with other subgraphs listed in a file, and serve the supergraph. */
export { createGateway, type GatewayOptions, type HubGateway } from "./gateway.server.js";
export { readSupergraphConfig, parseSupergraphConfig, SupergraphConfigError, type SupergraphConfig, type SubgraphEndpoint } from "./supergraph.config.js";
export { composeSupergraph, composeSdls, fetchSubgraphSdl, SubgraphUnreachableError, type CompositionAttempt } from "./supergraph.compose.js";
export { FileSupergraphManager, type ComposedEvent, type FailedEvent, type SupergraphStatus } from "./supergraph.manager.js";
export { SubgraphDataSource } from "./subgraph.datasource.js";
