/**
 * The descriptions of a participant's period (joinedAt, leftAt), the same on InitiativeBorough and
 * InitiativePartner: DESIGN.md's approval rule with participants that come and go.
 */
export const JOINED_AT_DESCRIPTION = "When it joined, if it joined late (null = from the start). From then on each stage not yet approved waits for its sign-off too.";

export const LEFT_AT_DESCRIPTION =
  "When it left (null = still in). From then on it holds no stage up: a stage is approved at the first instant at which every signing participant present then (joined at or before it, not left at or before it) has signed; its events stay in the log.";
