import { registerEnumType } from "type-graphql";

export enum ServiceLevelState {
  ON_TRACK = "ON_TRACK",
  AT_RISK = "AT_RISK",
  BREACHED = "BREACHED",
}
registerEnumType(ServiceLevelState, {
  name: "ServiceLevelState",
  description: "An open item against its stage's service level (\"85% within N working days\").",
  valuesConfig: {
    ON_TRACK: { description: "Not past N, and at least an even chance of approval within N given its age (or too little history to judge more than the age)." },
    AT_RISK: { description: "Not past N, but less than an even chance of approval within N given its age (Kaplan–Meier, censored items included)." },
    BREACHED: { description: "Older than N working days." },
  },
});

export enum HeldBy {
  IG = "IG",
  PROJECT_TEAM = "PROJECT_TEAM",
}
registerEnumType(HeldBy, {
  name: "HeldBy",
  description: "Who holds an open stage now.",
  valuesConfig: {
    IG: { description: "The IG teams (DPOs) reviewing it: no query round open." },
    PROJECT_TEAM: { description: "The project team answering a query round (a QUERY_RAISED not yet RESUBMITTED at asOf)." },
  },
});

export enum ServiceLevelSource {
  SET = "SET",
  HISTORICAL_P85 = "HISTORICAL_P85",
}
registerEnumType(ServiceLevelSource, {
  name: "ServiceLevelSource",
  description: "Where a stage's service level came from.",
  valuesConfig: {
    SET: { description: "Set by an admin (`setServiceLevel`), stored as data." },
    HISTORICAL_P85: { description: "The default: the stage's historical p85 in working days (Kaplan–Meier, censored items included, any tool, as of asOf)." },
  },
});

export enum HistoryScope {
  STAGE_AND_TOOL = "STAGE_AND_TOOL",
  STAGE = "STAGE",
}
registerEnumType(HistoryScope, {
  name: "HistoryScope",
  description: "Which comparable history an item is ranked and forecast against.",
  valuesConfig: {
    STAGE_AND_TOOL: { description: "The same stage on the same tool (it has at least the minimum items, 20)." },
    STAGE: { description: "The same stage on any tool (the tool's own history is below the minimum)." },
  },
});
