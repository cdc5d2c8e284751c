import { E1, E2, type FixtureInitiative } from "./metrics.fixture.js";

/** The hand-built fixture of open-items.test.ts (its header works the numbers out), as of Wed 6 March 2024 12:00. */
const approvedDpia = (id: string, approvedOn: string): FixtureInitiative => ({
  id,
  tool: "isg",
  lead: E1,
  boroughs: [E1],
  events: [
    { stage: "DPIA", kind: "SUBMITTED", at: "2024-01-08T10:00:00Z" },
    { stage: "DPIA", kind: "APPROVED", at: `${approvedOn}T10:00:00Z` },
  ],
});
const isa = (id: string, sub: string, appr: string | null, extra: FixtureInitiative["events"] = []): FixtureInitiative => ({
  id,
  tool: "manual",
  lead: E2,
  boroughs: [E2],
  events: [{ stage: "ISA", kind: "SUBMITTED", at: `${sub}T10:00:00Z` }, ...(appr ? [{ stage: "ISA", kind: "APPROVED", at: `${appr}T10:00:00Z` }] : []), ...extra],
});

export const OPEN_ITEMS_FIXTURE: FixtureInitiative[] = [
  approvedDpia("A1", "2024-01-10"),
  approvedDpia("A2", "2024-01-12"),
  approvedDpia("A3", "2024-01-12"),
  approvedDpia("A4", "2024-01-16"),
  approvedDpia("A5", "2024-01-18"),
  { id: "O5", tool: "isg", lead: E2, boroughs: [E2], events: [{ stage: "DPIA", kind: "SUBMITTED", at: "2024-02-28T10:00:00Z" }] },
  {
    id: "O3",
    tool: "isg",
    lead: E1,
    boroughs: [E1],
    events: [
      { stage: "DPIA", kind: "SUBMITTED", at: "2024-03-01T10:00:00Z" },
      { stage: "DPIA", kind: "QUERY_RAISED", borough: E1, at: "2024-03-04T10:00:00Z" },
    ],
  },
  {
    id: "W",
    tool: "isg",
    lead: E1,
    boroughs: [E1],
    events: [
      { stage: "DPIA", kind: "SUBMITTED", at: "2024-02-29T10:00:00Z" },
      { stage: "DPIA", kind: "WITHDRAWN", at: "2024-03-05T10:00:00Z" },
    ],
  },
  { id: "X", tool: "isg", lead: E1, boroughs: [E1], events: [{ stage: "DPIA", kind: "SUBMITTED", at: "2024-03-07T10:00:00Z" }] },
  isa("R1", "2023-03-28", "2023-03-31"),
  isa("R2", "2022-11-28", "2022-12-01"),
  isa("R3", "2024-01-10", "2024-01-15", [{ stage: "REVIEW", kind: "SUBMITTED", at: "2024-09-30T10:00:00Z" }]),
  isa("R4", "2022-01-10", "2022-01-13", [
    { stage: "REVIEW", kind: "SUBMITTED", at: "2023-02-01T10:00:00Z" },
    { stage: "REVIEW", kind: "APPROVED", at: "2023-02-06T10:00:00Z" },
  ]),
  isa("F", "2024-03-04", null),
];

