import { registerEnumType } from "type-graphql";

/** Where an initiative stands overall. */
export enum InitiativeStatus {
  ACTIVE = "ACTIVE",
  LIVE = "LIVE",
  WITHDRAWN = "WITHDRAWN",
  REJECTED = "REJECTED",
}
registerEnumType(InitiativeStatus, {
  name: "InitiativeStatus",
  description: "Where an initiative stands overall.",
  valuesConfig: {
    ACTIVE: { description: "Still going through the IG process." },
    LIVE: { description: "IG done: data is being shared." },
    WITHDRAWN: { description: "Stopped by its team." },
    REJECTED: { description: "Refused at a stage." },
  },
});

/** The kinds of stage event (DESIGN.md). */
export enum EventKind {
  SUBMITTED = "SUBMITTED",
  QUERY_RAISED = "QUERY_RAISED",
  RESUBMITTED = "RESUBMITTED",
  DPO_REVIEWED = "DPO_REVIEWED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
  RETRACTED = "RETRACTED",
}
registerEnumType(EventKind, {
  name: "EventKind",
  description: "What happened to a stage of an initiative.",
  valuesConfig: {
    SUBMITTED: { description: "The stage's documents were submitted; the first SUBMITTED starts the stage's clock." },
    QUERY_RAISED: { description: "IG sent a query back: the stage is with the project team until the next RESUBMITTED (and a new round starts)." },
    RESUBMITTED: { description: "The project team answered a query: the stage is back with IG." },
    DPO_REVIEWED: { description: "A signer's DPO reviewed the stage (advice given) before its senior officer's APPROVED, naming the borough or partner organisation. It approves nothing and changes no cycle time; signOffTimes splits sign-off time at the signer's first DPO_REVIEWED at or before its APPROVED." },
    APPROVED: { description: "A borough signed the stage off (no borough: signed off for all participating boroughs)." },
    REJECTED: { description: "The stage was refused." },
    WITHDRAWN: { description: "The team withdrew the stage." },
    RETRACTED: { description: "Takes back the event named by `retracts` (with a `reason`): both stay in the log, and cycles and metrics leave both out. Recorded by retractStageEvent / correctStageEvent or an events-file row, never by recordStageEvent." },
  },
});

/** Status of one stage of one initiative, derived from its events. */
export enum StageStatus {
  NOT_STARTED = "NOT_STARTED",
  OPEN = "OPEN",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(StageStatus, {
  name: "StageStatus",
  description: "Status of one stage of one initiative, derived from its events.",
  valuesConfig: {
    NOT_STARTED: { description: "Not submitted yet." },
    OPEN: { description: "Submitted, not every participating borough has signed it off yet." },
    APPROVED: { description: "Every participating borough has signed it off." },
    REJECTED: { description: "Ended refused (counted apart from time to approval)." },
    WITHDRAWN: { description: "Ended withdrawn (counted apart from time to approval)." },
  },
});

/** A borough's part in an initiative. */
export enum ParticipantRole {
  LEAD = "LEAD",
  PARTICIPANT = "PARTICIPANT",
}
registerEnumType(ParticipantRole, {
  name: "ParticipantRole",
  description: "A borough's part in an initiative.",
  valuesConfig: {
    LEAD: { description: "The lead borough, which runs the initiative." },
    PARTICIPANT: { description: "A participating borough, which must sign off each stage too." },
  },
});
