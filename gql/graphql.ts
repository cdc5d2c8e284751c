/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What data the hub holds. */
export type DatasetKind =
  /** The synthetic demo data set (a few hundred initiatives): not real. */
  | 'DEMO'
  /** Reference data only: no initiatives yet. */
  | 'EMPTY'
  /** Data imported from IG tools or recorded by hand. */
  | 'IMPORTED'
  /** The large synthetic data set for benchmarks: not real. */
  | 'LARGE';

/** How a duration is measured. */
export type DurationUnit =
  /** Exact elapsed time / 24 h (fractional). */
  | 'CALENDAR_DAYS'
  /** England & Wales working days d with submitted date < d ≤ end date (London dates; weekends and bank holidays excluded, one-off holidays included, from the date-holidays library). Submitted Friday, approved Monday = 1. */
  | 'WORKING_DAYS';

/** What happened to a stage of an initiative. */
export type EventKind =
  /** A borough signed the stage off (no borough: signed off for all participating boroughs). */
  | 'APPROVED'
  /** A signer's DPO reviewed the stage (advice given) before its senior officer's APPROVED, naming the borough or partner organisation. It approves nothing and changes no cycle time; signOffTimes splits sign-off time at the signer's first DPO_REVIEWED at or before its APPROVED. */
  | 'DPO_REVIEWED'
  /** IG sent a query back: the stage is with the project team until the next RESUBMITTED (and a new round starts). */
  | 'QUERY_RAISED'
  /** The stage was refused. */
  | 'REJECTED'
  /** The project team answered a query: the stage is back with IG. */
  | 'RESUBMITTED'
  /** Takes back the event named by `retracts` (with a `reason`): both stay in the log, and cycles and metrics leave both out. Recorded by retractStageEvent / correctStageEvent or an events-file row, never by recordStageEvent. */
  | 'RETRACTED'
  /** The stage's documents were submitted; the first SUBMITTED starts the stage's clock. */
  | 'SUBMITTED'
  /** The team withdrew the stage. */
  | 'WITHDRAWN';

/** The reporting interval of a flow series (calendar-aligned, London dates). */
export type FlowInterval =
  /** Calendar months, labelled 'YYYY-MM'. */
  | 'MONTH'
  /** Calendar quarters, labelled 'YYYY-Qn'. */
  | 'QUARTER'
  /** ISO weeks, Monday to Sunday, labelled 'YYYY-Www'. */
  | 'WEEK';

/** Who holds an open stage now. */
export type HeldBy =
  /** The IG teams (DPOs) reviewing it: no query round open. */
  | 'IG'
  /** The project team answering a query round (a QUERY_RAISED not yet RESUBMITTED at asOf). */
  | 'PROJECT_TEAM';

/** An information-governance role in a borough. */
export type IgRole =
  /** Caldicott Guardian: protects the confidentiality of health and care data. */
  | 'CALDICOTT_GUARDIAN'
  /** Data Protection Officer: signs off DPIAs and sharing agreements. */
  | 'DPO'
  /** Information-governance lead. */
  | 'IG_LEAD'
  /** Senior Information Risk Owner. */
  | 'SIRO';

/** Narrows a list of initiatives. Every given condition must hold; a list condition matches any of its values (a null or empty list sets no condition). */
export type InitiativeFilter = {
  /** GSS codes: initiatives in which any of these boroughs takes part (lead or participant). */
  boroughs?: Array<string> | null | undefined;
  /** Initiatives created on or after this date. */
  createdFrom?: string | null | undefined;
  /** Initiatives created on or before this date. */
  createdTo?: string | null | undefined;
  /** Practice slugs: initiatives that used any of these practices. */
  practices?: Array<string> | null | undefined;
  /** Text that the title or purpose contains (case-insensitive). */
  search?: string | null | undefined;
  /** Stage codes: initiatives that have submitted any of these stages (e.g. `DPIA`). */
  stages?: Array<string> | null | undefined;
  /** Initiatives with any of these statuses. */
  statuses?: Array<InitiativeStatus> | null | undefined;
  /** Tool slugs: initiatives whose IG ran on any of these tools (e.g. `isg`, `manual`). */
  tools?: Array<string> | null | undefined;
};

/** Where an initiative stands overall. */
export type InitiativeStatus =
  /** Still going through the IG process. */
  | 'ACTIVE'
  /** IG done: data is being shared. */
  | 'LIVE'
  /** Refused at a stage. */
  | 'REJECTED'
  /** Stopped by its team. */
  | 'WITHDRAWN';

/** Inner or Outer London (the definition is named by the field that uses it). */
export type LondonZone =
  | 'INNER'
  | 'OUTER';

/** Membership of LOTI (London Office of Technology and Innovation) as far as a source says; UNKNOWN when no source says. */
export type LotiMembership =
  /** A source names the borough as a LOTI member. */
  | 'KNOWN_MEMBER'
  /** A source says the borough is not a LOTI member. */
  | 'KNOWN_NON_MEMBER'
  /** No source found either way. */
  | 'UNKNOWN';

/** Which submitted stages a metric covers. Each list matches any of its values; different fields combine with AND. Unknown values are refused (BAD_USER_INPUT). */
export type MetricFilter = {
  /** GSS codes (E09000001..E09000033): initiatives in which any of these boroughs takes part. */
  boroughs?: Array<string> | null | undefined;
  /** Organisations: London boroughs (GSS codes) and partner organisations (slugs, e.g. met-police). Initiatives in which any of them takes part, signing or not. In signOffTimes and openItems, only those organisations' sign-offs are listed. */
  organisations?: Array<string> | null | undefined;
  /** Practice slugs: initiatives that used any of these practices (e.g. common-dpia-template). */
  practices?: Array<string> | null | undefined;
  /** Stage codes (e.g. DPIA, ISA). */
  stages?: Array<string> | null | undefined;
  /** Earliest stage submission date (London date, inclusive). */
  submittedFrom?: string | null | undefined;
  /** Latest stage submission date (London date, inclusive). */
  submittedTo?: string | null | undefined;
  /** Tool slugs the initiative's IG ran on (e.g. isg, manual). */
  tools?: Array<string> | null | undefined;
};

/** A borough's part in an initiative. */
export type ParticipantRole =
  /** The lead borough, which runs the initiative. */
  | 'LEAD'
  /** A participating borough, which must sign off each stage too. */
  | 'PARTICIPANT';

/** A live agreement's review as of asOf. */
export type ReviewState =
  /** Due within dueWithinDays calendar days of asOf (asOf's day included). */
  | 'DUE_SOON'
  /** Due later than dueWithinDays from asOf. */
  | 'OK'
  /** The due date has passed. */
  | 'OVERDUE';

/** An open item against its stage's service level ("85% within N working days"). */
export type ServiceLevelState =
  /** Not past N, but less than an even chance of approval within N given its age (Kaplan–Meier, censored items included). */
  | 'AT_RISK'
  /** Older than N working days. */
  | 'BREACHED'
  /** Not past N, and at least an even chance of approval within N given its age (or too little history to judge more than the age). */
  | 'ON_TRACK';

/** Status of one stage of one initiative, derived from its events. */
export type StageStatus =
  /** Every participating borough has signed it off. */
  | 'APPROVED'
  /** Not submitted yet. */
  | 'NOT_STARTED'
  /** Submitted, not every participating borough has signed it off yet. */
  | 'OPEN'
  /** Ended refused (counted apart from time to approval). */
  | 'REJECTED'
  /** Ended withdrawn (counted apart from time to approval). */
  | 'WITHDRAWN';

/** How far a tool supports a feature, as its source says. */
export type SupportLevel =
  /** The feature is supported. */
  | 'FULL'
  /** A source says it is not supported. */
  | 'NONE'
  /** Supported in part or with workarounds (see the note). */
  | 'PARTIAL'
  /** No source found either way. */
  | 'UNKNOWN';

export type DashboardCompareQueryVariables = Exact<{
  stage: string;
  a: MetricFilter;
  b: MetricFilter;
  unit: DurationUnit;
}>;


export type DashboardCompareQuery = { compareCohorts: { stage: string, difference: number | null, low: number | null, high: number | null, a: { approvedCount: number, median: number | null }, b: { approvedCount: number, median: number | null } } };

export type DashboardCycleTimesQueryVariables = Exact<{
  filter?: MetricFilter | null | undefined;
  unit: DurationUnit;
}>;


export type DashboardCycleTimesQuery = { cycleTimes: Array<{ stage: string | null, count: number, approvedCount: number, openCount: number, rejectedCount: number, withdrawnCount: number, median: number | null, p85: number | null, p95: number | null, kaplanMeierMedian: number | null }> };

export type DashboardFlowQueryVariables = Exact<{
  filter?: MetricFilter | null | undefined;
  from: string;
  to: string;
}>;


export type DashboardFlowQuery = { flow: { interval: FlowInterval, points: Array<{ label: string, arrivals: number, throughput: number, closedOther: number, wip: number }>, stages: Array<{ stage: string, points: Array<{ label: string, submitted: number, approved: number, inProgress: number }> }>, openItems: { asOf: string, count: number, medianAgeDays: number | null, p85AgeDays: number | null, maxAgeDays: number | null, medianAgeWorkingDays: number | null, oldest: Array<{ initiativeId: string, stage: string, submittedAt: string, ageDays: number, ageWorkingDays: number }> } } };

export type DashboardInitiativeQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type DashboardInitiativeQuery = { initiative: { id: string, title: string, status: InitiativeStatus, synthetic: boolean, tool: { name: string }, boroughs: Array<{ role: ParticipantRole, borough: { gssCode: string, name: string } }>, partners: Array<{ organisation: { slug: string, name: string } }>, stageSummaries: Array<{ status: StageStatus, submittedAt: string | null, approvedAt: string | null, endedAt: string | null, rounds: number, stage: { code: string, name: string }, pendingBoroughs: Array<{ gssCode: string }> }>, events: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, stage: string, kind: EventKind, reason: string | null, retracted: boolean, retracts: string | null, organisation: string | null, borough: { gssCode: string, name: string } | null } }> } } | null, openItems: { items: Array<{ stage: string, organisation: string | null, ageWorkingDays: number, state: ServiceLevelState, heldBy: HeldBy, pendingSigners: Array<string>, serviceLevelDays: number | null, forecast: { p50: string | null, p85: string | null, p95: string | null, reason: string | null } }> }, initiativeForecast: { target: string, atStage: string | null, waiting: boolean, p50: string | null, p85: string | null, p95: string | null, reason: string | null, reasonCode: string | null } | null };

export type DashboardNowQueryVariables = Exact<{
  filter?: MetricFilter | null | undefined;
  bandFilter?: MetricFilter | null | undefined;
}>;


export type DashboardNowQuery = { openItems: { totalCount: number, items: Array<{ initiativeId: string, title: string, stage: string, organisation: string | null, submittedAt: string, ageWorkingDays: number, state: ServiceLevelState, heldBy: HeldBy, pendingSigners: Array<string>, serviceLevelDays: number | null, forecast: { p50: string | null, p85: string | null, p95: string | null, reason: string | null } }> }, cycleTimes: Array<{ stage: string | null, approvedCount: number, median: number | null, p85: number | null, p95: number | null }>, agreementRegister: Array<{ initiativeId: string, title: string, tool: string, approvedAt: string, reviewDue: string, daysUntilDue: number, state: ReviewState }> };

export type DashboardOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOptionsQuery = { dataset: { kind: DatasetKind, synthetic: boolean, description: string }, tools: { edges: Array<{ node: { slug: string, name: string, isBaseline: boolean } }> }, practices: Array<{ slug: string, name: string }>, boroughs: { edges: Array<{ node: { code: string, name: string } }> }, organisations: { edges: Array<{ node: { slug: string, name: string } }> }, stages: Array<{ code: string, name: string }> };

export type DashboardSignOffQueryVariables = Exact<{
  filter?: MetricFilter | null | undefined;
  unit: DurationUnit;
}>;


export type DashboardSignOffQuery = { signOffTimes: Array<{ organisation: string, isBorough: boolean, borough: string | null, stage: string, signedCount: number, median: number | null, lastToSignCount: number, peerMedian: number | null, reviewedCount: number, reviewMedian: number | null, afterReviewMedian: number | null }> };

export type DashboardTimeSavedQueryVariables = Exact<{
  cohort: MetricFilter;
  baseline: MetricFilter;
}>;


export type DashboardTimeSavedQuery = { timeSaved: { total: number | null, totalLow: number | null, totalHigh: number | null, stagesCounted: number, reason: string | null, stages: Array<{ stage: string, cohortApproved: number, baselineApproved: number, cohortMedian: number | null, baselineMedian: number | null, savedPerStage: number | null, savedPerStageLow: number | null, savedPerStageHigh: number | null, saved: number | null, savedLow: number | null, savedHigh: number | null, reason: string | null }> } };

export type WhereTheMonthsGoQueryVariables = Exact<{ [key: string]: never; }>;


export type WhereTheMonthsGoQuery = { cycleTimes: Array<{ stage: string | null, tool: string | null, count: number, approvedCount: number, openCount: number, median: number | null, p85: number | null, p95: number | null, kaplanMeierMedian: number | null, medianWithIg: number | null, medianWithTeam: number | null, meanRounds: number | null }> };

export type IsgAgainstEmailQueryVariables = Exact<{ [key: string]: never; }>;


export type IsgAgainstEmailQuery = { compareCohorts: { difference: number | null, low: number | null, high: number | null, a: { approvedCount: number, median: number | null }, b: { approvedCount: number, median: number | null } } };

export type TimeSavedByIsgQueryVariables = Exact<{ [key: string]: never; }>;


export type TimeSavedByIsgQuery = { timeSaved: { total: number | null, totalLow: number | null, totalHigh: number | null, reason: string | null, stages: Array<{ stage: string, saved: number | null, reason: string | null }> } };

export type SlowestSignersQueryVariables = Exact<{ [key: string]: never; }>;


export type SlowestSignersQuery = { signOffTimes: Array<{ stage: string, borough: string | null, signedCount: number, pendingCount: number, median: number | null, peerMedian: number | null, differenceFromPeers: number | null, lastToSignCount: number, lastToSignShare: number | null }> };

export type WhatDataIsThisQueryVariables = Exact<{ [key: string]: never; }>;


export type WhatDataIsThisQuery = { dataset: { kind: DatasetKind, synthetic: boolean, description: string }, processes: Array<{ slug: string, name: string, isDefault: boolean, stages: Array<{ position: number, code: string, name: string }> }> };

export type BoroughsWithContactsQueryVariables = Exact<{ [key: string]: never; }>;


export type BoroughsWithContactsQuery = { boroughs: { totalCount: number, edges: Array<{ node: { code: string, name: string, onsZone: LondonZone, statutoryZone: LondonZone, lotiMembership: LotiMembership, igContacts: Array<{ role: IgRole, name: string | null, email: string | null }> } }> } };

export type InitiativeStageSummariesQueryVariables = Exact<{ [key: string]: never; }>;


export type InitiativeStageSummariesQuery = { initiatives: { totalCount: number, edges: Array<{ node: { id: string, title: string, status: InitiativeStatus, synthetic: boolean, leadBorough: { name: string }, tool: { name: string }, stageSummaries: Array<{ status: StageStatus, submittedAt: string | null, approvedAt: string | null, rounds: number, stage: { code: string }, signOffs: Array<{ approvedAt: string, borough: { name: string } }>, pendingBoroughs: Array<{ name: string }> }> } }> } };

export type ToolsComparedByFeatureQueryVariables = Exact<{ [key: string]: never; }>;


export type ToolsComparedByFeatureQuery = { features: Array<{ position: number, slug: string, name: string }>, tools: { edges: Array<{ node: { slug: string, name: string, vendor: string | null, isBaseline: boolean, features: Array<{ level: SupportLevel, note: string | null, source: string | null, feature: { slug: string } }> } }> } };

export type CamdenInitiativesOnIsgQueryVariables = Exact<{ [key: string]: never; }>;


export type CamdenInitiativesOnIsgQuery = { borough: { name: string, initiatives: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, status: InitiativeStatus, createdAt: string, stageSummaries: Array<{ status: StageStatus, submittedAt: string | null, approvedAt: string | null, stage: { code: string } }> } }> } } | null };

export type DpiaWaitingForSignOffQueryVariables = Exact<{ [key: string]: never; }>;


export type DpiaWaitingForSignOffQuery = { initiatives: { totalCount: number, edges: Array<{ node: { id: string, title: string, stageSummaries: Array<{ status: StageStatus, submittedAt: string | null, rounds: number, stage: { code: string }, pendingBoroughs: Array<{ code: string, name: string }> }> } }> } };

export type InitiativeEventLogQueryVariables = Exact<{
  id?: string | number;
}>;


export type InitiativeEventLogQuery = { initiative: { id: string, title: string, events: { totalCount: number, edges: Array<{ node: { at: string, stage: string, kind: EventKind, source: string, sourceRef: string, recordedBy: string, borough: { name: string } | null } }> } } | null };

export type InitiativePageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: InitiativeFilter | null | undefined;
}>;


export type InitiativePageQuery = { initiatives: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string } }> } };

export type NestedSignOffsQueryVariables = Exact<{
  boroughs: number;
  initiatives: number;
}>;


export type NestedSignOffsQuery = { boroughs: { edges: Array<{ node: { code: string, initiatives: { totalCount: number, edges: Array<{ node: { id: string, leadBorough: { name: string }, tool: { slug: string }, stageSummaries: Array<{ status: StageStatus, stage: { code: string }, signOffs: Array<{ approvedAt: string, borough: { code: string } }>, pendingBoroughs: Array<{ code: string }> }> } }> } } }> } };

export type BoroughCountQueryVariables = Exact<{ [key: string]: never; }>;


export type BoroughCountQuery = { boroughs: { totalCount: number } };


export const DashboardCompareDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardCompare"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stage"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"a"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"b"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DurationUnit"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compareCohorts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stage"}}},{"kind":"Argument","name":{"kind":"Name","value":"a"},"value":{"kind":"Variable","name":{"kind":"Name","value":"a"}}},{"kind":"Argument","name":{"kind":"Name","value":"b"},"value":{"kind":"Variable","name":{"kind":"Name","value":"b"}}},{"kind":"Argument","name":{"kind":"Name","value":"unit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"a"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"b"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"difference"}},{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}}]}}]} as unknown as DocumentNode<DashboardCompareQuery, DashboardCompareQueryVariables>;
export const DashboardCycleTimesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardCycleTimes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DurationUnit"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cycleTimes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"STAGE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"unit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unit"}}},{"kind":"Argument","name":{"kind":"Name","value":"percentiles"},"value":{"kind":"ListValue","values":[{"kind":"IntValue","value":"50"},{"kind":"IntValue","value":"85"},{"kind":"IntValue","value":"95"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"openCount"}},{"kind":"Field","name":{"kind":"Name","value":"rejectedCount"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"kaplanMeierMedian"}}]}}]}}]} as unknown as DocumentNode<DashboardCycleTimesQuery, DashboardCycleTimesQueryVariables>;
export const DashboardFlowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardFlow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"MONTH"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"arrivals"}},{"kind":"Field","name":{"kind":"Name","value":"throughput"}},{"kind":"Field","name":{"kind":"Name","value":"closedOther"}},{"kind":"Field","name":{"kind":"Name","value":"wip"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"submitted"}},{"kind":"Field","name":{"kind":"Name","value":"approved"}},{"kind":"Field","name":{"kind":"Name","value":"inProgress"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"openItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"medianAgeDays"}},{"kind":"Field","name":{"kind":"Name","value":"p85AgeDays"}},{"kind":"Field","name":{"kind":"Name","value":"maxAgeDays"}},{"kind":"Field","name":{"kind":"Name","value":"medianAgeWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"oldest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiativeId"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ageDays"}},{"kind":"Field","name":{"kind":"Name","value":"ageWorkingDays"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardFlowQuery, DashboardFlowQueryVariables>;
export const DashboardInitiativeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardInitiative"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiative"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"synthetic"}},{"kind":"Field","name":{"kind":"Name","value":"tool"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"boroughs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"borough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gssCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"stageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rounds"}},{"kind":"Field","name":{"kind":"Name","value":"pendingBoroughs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gssCode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"retracted"}},{"kind":"Field","name":{"kind":"Name","value":"retracts"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"}},{"kind":"Field","name":{"kind":"Name","value":"borough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gssCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"openItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"initiativeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"}},{"kind":"Field","name":{"kind":"Name","value":"ageWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"heldBy"}},{"kind":"Field","name":{"kind":"Name","value":"pendingSigners"}},{"kind":"Field","name":{"kind":"Name","value":"serviceLevelDays"}},{"kind":"Field","name":{"kind":"Name","value":"forecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"initiativeForecast"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"atStage"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"reasonCode"}}]}}]}}]} as unknown as DocumentNode<DashboardInitiativeQuery, DashboardInitiativeQueryVariables>;
export const DashboardNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bandFilter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"5000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiativeId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ageWorkingDays"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"heldBy"}},{"kind":"Field","name":{"kind":"Name","value":"pendingSigners"}},{"kind":"Field","name":{"kind":"Name","value":"serviceLevelDays"}},{"kind":"Field","name":{"kind":"Name","value":"forecast"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cycleTimes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bandFilter"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"STAGE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"unit"},"value":{"kind":"EnumValue","value":"WORKING_DAYS"}},{"kind":"Argument","name":{"kind":"Name","value":"percentiles"},"value":{"kind":"ListValue","values":[{"kind":"IntValue","value":"50"},{"kind":"IntValue","value":"85"},{"kind":"IntValue","value":"95"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agreementRegister"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"state"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"OVERDUE"},{"kind":"EnumValue","value":"DUE_SOON"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiativeId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reviewDue"}},{"kind":"Field","name":{"kind":"Name","value":"daysUntilDue"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<DashboardNowQuery, DashboardNowQueryVariables>;
export const DashboardOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"synthetic"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tools"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isBaseline"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"practices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"boroughs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organisations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DashboardOptionsQuery, DashboardOptionsQueryVariables>;
export const DashboardSignOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSignOff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DurationUnit"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOffTimes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"unit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organisation"}},{"kind":"Field","name":{"kind":"Name","value":"isBorough"}},{"kind":"Field","name":{"kind":"Name","value":"borough"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"signedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"lastToSignCount"}},{"kind":"Field","name":{"kind":"Name","value":"peerMedian"}},{"kind":"Field","name":{"kind":"Name","value":"reviewedCount"}},{"kind":"Field","name":{"kind":"Name","value":"reviewMedian"}},{"kind":"Field","name":{"kind":"Name","value":"afterReviewMedian"}}]}}]}}]} as unknown as DocumentNode<DashboardSignOffQuery, DashboardSignOffQueryVariables>;
export const DashboardTimeSavedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardTimeSaved"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cohort"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"baseline"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeSaved"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cohort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cohort"}}},{"kind":"Argument","name":{"kind":"Name","value":"baseline"},"value":{"kind":"Variable","name":{"kind":"Name","value":"baseline"}}},{"kind":"Argument","name":{"kind":"Name","value":"unit"},"value":{"kind":"EnumValue","value":"WORKING_DAYS"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalLow"}},{"kind":"Field","name":{"kind":"Name","value":"totalHigh"}},{"kind":"Field","name":{"kind":"Name","value":"stagesCounted"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"cohortApproved"}},{"kind":"Field","name":{"kind":"Name","value":"baselineApproved"}},{"kind":"Field","name":{"kind":"Name","value":"cohortMedian"}},{"kind":"Field","name":{"kind":"Name","value":"baselineMedian"}},{"kind":"Field","name":{"kind":"Name","value":"savedPerStage"}},{"kind":"Field","name":{"kind":"Name","value":"savedPerStageLow"}},{"kind":"Field","name":{"kind":"Name","value":"savedPerStageHigh"}},{"kind":"Field","name":{"kind":"Name","value":"saved"}},{"kind":"Field","name":{"kind":"Name","value":"savedLow"}},{"kind":"Field","name":{"kind":"Name","value":"savedHigh"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardTimeSavedQuery, DashboardTimeSavedQueryVariables>;
export const WhereTheMonthsGoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhereTheMonthsGo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cycleTimes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"STAGE"},{"kind":"EnumValue","value":"TOOL"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"isg","block":false},{"kind":"StringValue","value":"manual","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"tool"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"openCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p85"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"kaplanMeierMedian"}},{"kind":"Field","name":{"kind":"Name","value":"medianWithIg"}},{"kind":"Field","name":{"kind":"Name","value":"medianWithTeam"}},{"kind":"Field","name":{"kind":"Name","value":"meanRounds"}}]}}]}}]} as unknown as DocumentNode<WhereTheMonthsGoQuery, WhereTheMonthsGoQueryVariables>;
export const IsgAgainstEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IsgAgainstEmail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compareCohorts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"StringValue","value":"DPIA","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"a"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"manual","block":false}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"b"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"isg","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"difference"}},{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}},{"kind":"Field","name":{"kind":"Name","value":"a"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"b"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvedCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}}]}}]}}]}}]} as unknown as DocumentNode<IsgAgainstEmailQuery, IsgAgainstEmailQueryVariables>;
export const TimeSavedByIsgDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TimeSavedByIsg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeSaved"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cohort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"isg","block":false}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"baseline"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"manual","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"totalLow"}},{"kind":"Field","name":{"kind":"Name","value":"totalHigh"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"saved"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<TimeSavedByIsgQuery, TimeSavedByIsgQueryVariables>;
export const SlowestSignersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SlowestSigners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOffTimes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"stages"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"DPIA","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"borough"}},{"kind":"Field","name":{"kind":"Name","value":"signedCount"}},{"kind":"Field","name":{"kind":"Name","value":"pendingCount"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"peerMedian"}},{"kind":"Field","name":{"kind":"Name","value":"differenceFromPeers"}},{"kind":"Field","name":{"kind":"Name","value":"lastToSignCount"}},{"kind":"Field","name":{"kind":"Name","value":"lastToSignShare"}}]}}]}}]} as unknown as DocumentNode<SlowestSignersQuery, SlowestSignersQueryVariables>;
export const WhatDataIsThisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhatDataIsThis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"synthetic"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WhatDataIsThisQuery, WhatDataIsThisQueryVariables>;
export const BoroughsWithContactsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoroughsWithContacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boroughs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"33"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"onsZone"}},{"kind":"Field","name":{"kind":"Name","value":"statutoryZone"}},{"kind":"Field","name":{"kind":"Name","value":"lotiMembership"}},{"kind":"Field","name":{"kind":"Name","value":"igContacts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BoroughsWithContactsQuery, BoroughsWithContactsQueryVariables>;
export const InitiativeStageSummariesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InitiativeStageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"synthetic"}},{"kind":"Field","name":{"kind":"Name","value":"leadBorough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tool"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rounds"}},{"kind":"Field","name":{"kind":"Name","value":"signOffs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"borough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingBoroughs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<InitiativeStageSummariesQuery, InitiativeStageSummariesQueryVariables>;
export const ToolsComparedByFeatureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ToolsComparedByFeature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"features"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tools"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"isBaseline"}},{"kind":"Field","name":{"kind":"Name","value":"features"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ToolsComparedByFeatureQuery, ToolsComparedByFeatureQueryVariables>;
export const CamdenInitiativesOnIsgDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CamdenInitiativesOnIsg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"borough"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"StringValue","value":"E09000007","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tools"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"isg","block":false}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CamdenInitiativesOnIsgQuery, CamdenInitiativesOnIsgQueryVariables>;
export const DpiaWaitingForSignOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DpiaWaitingForSignOff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"stages"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"DPIA","block":false}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ACTIVE"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"stageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rounds"}},{"kind":"Field","name":{"kind":"Name","value":"pendingBoroughs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DpiaWaitingForSignOffQuery, DpiaWaitingForSignOffQueryVariables>;
export const InitiativeEventLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InitiativeEventLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},"defaultValue":{"kind":"StringValue","value":"SYN-000001","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiative"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"borough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRef"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<InitiativeEventLogQuery, InitiativeEventLogQueryVariables>;
export const InitiativePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InitiativePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InitiativeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InitiativePageQuery, InitiativePageQueryVariables>;
export const NestedSignOffsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NestedSignOffs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"boroughs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"initiatives"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boroughs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boroughs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"initiatives"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"initiatives"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"leadBorough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tool"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stageSummaries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"signOffs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"borough"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pendingBoroughs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NestedSignOffsQuery, NestedSignOffsQueryVariables>;
export const BoroughCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BoroughCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boroughs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<BoroughCountQuery, BoroughCountQueryVariables>;