/** Resolvers of the metrics domain (cycle times, sign-off, flow, comparison, time saved). */
export const metricsResolvers: Function[] = [];
