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

/** What happened to a stage of an initiative. */
export type EventKind =
  /** A borough signed the stage off (no borough: signed off for all participating boroughs). */
  | 'APPROVED'
  /** IG sent a query back: the stage is with the project team until the next RESUBMITTED (and a new round starts). */
  | 'QUERY_RAISED'
  /** The stage was refused. */
  | 'REJECTED'
  /** The project team answered a query: the stage is back with IG. */
  | 'RESUBMITTED'
  /** The stage's documents were submitted; the first SUBMITTED starts the stage's clock. */
  | 'SUBMITTED'
  /** The team withdrew the stage. */
  | 'WITHDRAWN';

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