import { dashboardRoutes } from "./dashboard.routes.js";
import { exportRoutes } from "./export.routes.js";
import { faviconRoutes } from "./favicon.routes.js";
import { ingestRoutes } from "./ingest.routes.js";
import type { RouteFactory } from "./route.kit.js";

/**
 * HTTP routes beyond GraphQL, the playground and health (CSV exports, the dashboard, ...). Add a
 * feature's routes by adding its factory here (a one-line edit). They are tried in order, after
 * the hub's own routes and before `/graphql`.
 */
export const routeFactories: RouteFactory[] = [dashboardRoutes, exportRoutes, faviconRoutes, ingestRoutes];
