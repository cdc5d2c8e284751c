import type { CycleFixture, Dictionaries } from "./cycle-table.fixture.js";

/*
 * The hand-made tables of the kernel tests. All instants are 10:00 UTC in January 2024 (GMT, so
 * London dates equal UTC dates; no bank holiday after 1 January).
 *   I1 DPIA Mon 8 → Thu 18 Jan: 8 working days, 10 calendar; 2 days with the team, 2 rounds.
 *      ISA Mon 22 → Wed 24 Jan: 2 working days.
 *   I2 DPIA Mon 8 → Mon 22 Jan: 10 working days, 14 calendar.
 *   I3 DPIA submitted Mon 15 Jan, open: at AS_OF (Thu 1 Feb 12:00) 13 working days old.
 *   I4 DPIA submitted Tue 9 Jan, REJECTED Thu 11 Jan.
 * Boroughs B00..B39: B35 sits in the upper half of the 64-bit participation mask.
 */
export const AS_OF = Date.parse("2024-02-01T12:00:00Z");
/** After every instant of the tables: every row shows its final outcome. */
export const AFTER_ALL = Date.parse("2030-01-01T00:00:00Z");
export const DAY_MS = 86_400_000;

const B = (i: number) => `B${String(i).padStart(2, "0")}`;

export const DICTS: Dictionaries = {
  stages: ["IDEA", "CONCEPT", "DPIA", "ISA", "REVIEW"],
  tools: ["isg", "manual"],
  boroughs: Array.from({ length: 40 }, (_, i) => B(i)),
  practices: ["p1", "p2"],
};

const I1 = { id: "I1", tool: "isg", lead: "B00", boroughs: ["B00", "B35"], practices: ["p1"] };
const I2 = { id: "I2", tool: "manual", lead: "B01", boroughs: ["B01", "B02"] };
const I3 = { id: "I3", tool: "isg", lead: "B35", boroughs: ["B35"] };
const I4 = { id: "I4", tool: "manual", lead: "B00", boroughs: ["B00"] };

export const ROWS: CycleFixture[] = [
  { ...I1, stage: "DPIA", outcome: "APPROVED", submitted: "2024-01-08T10:00:00Z", approved: "2024-01-18T10:00:00Z", rounds: 2, teamMs: 2 * DAY_MS },
  { ...I2, stage: "DPIA", outcome: "APPROVED", submitted: "2024-01-08T10:00:00Z", approved: "2024-01-22T10:00:00Z" },
  { ...I3, stage: "DPIA", outcome: "OPEN", submitted: "2024-01-15T10:00:00Z" },
  { ...I4, stage: "DPIA", outcome: "REJECTED", submitted: "2024-01-09T10:00:00Z", ended: "2024-01-11T10:00:00Z" },
  { ...I1, stage: "ISA", outcome: "APPROVED", submitted: "2024-01-22T10:00:00Z", approved: "2024-01-24T10:00:00Z" },
];

/** Each borough's sign-off of ROWS: I2's approval was borough-less, so both its boroughs signed at once. */
export const SIGNOFFS = [
  { id: "I1", stage: "DPIA", borough: "B35", at: "2024-01-15T10:00:00Z" },
  { id: "I1", stage: "DPIA", borough: "B00", at: "2024-01-18T10:00:00Z" },
  { id: "I2", stage: "DPIA", borough: "B01", at: "2024-01-22T10:00:00Z" },
  { id: "I2", stage: "DPIA", borough: "B02", at: "2024-01-22T10:00:00Z" },
  { id: "I1", stage: "ISA", borough: "B00", at: "2024-01-24T10:00:00Z" },
  { id: "I1", stage: "ISA", borough: "B35", at: "2024-01-24T10:00:00Z" },
];
