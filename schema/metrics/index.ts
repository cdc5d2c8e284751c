import { AgreementRegisterResolver } from "./agreement-register.resolver.js";
import { CompareCohortsResolver } from "./compare-cohorts.resolver.js";
import { CycleTimesResolver } from "./cycle-times.resolver.js";
import { DigestResolver } from "./digest.resolver.js";
import { FlowResolver } from "./flow.resolver.js";
import { OpenItemsResolver } from "./open-items.resolver.js";
import { SignOffTimesResolver } from "./sign-off-times.resolver.js";
import { TimeSavedResolver } from "./time-saved.resolver.js";

export { MetricsService } from "./metrics.service.js";

/** Resolvers of the metrics domain (cycle times, sign-off, flow, comparison, time saved, open items and forecasts, the agreement register, the digest). */
export const metricsResolvers: Function[] = [CycleTimesResolver, SignOffTimesResolver, CompareCohortsResolver, TimeSavedResolver, FlowResolver, OpenItemsResolver, AgreementRegisterResolver, DigestResolver];
