import { SOURCES } from "./sources.js";

/** Inner or Outer London, under one of the two definitions. */
export type LondonZone = "INNER" | "OUTER";

/** One of the 33 London authorities as the reference data holds it. */
export interface AuthorityRecord {
  /** ONS GSS code. */
  code: string;
  name: string;
  /** ONS statistical definition. */
  onsZone: LondonZone;
  /** London Government Act 1963 definition. */
  statutoryZone: LondonZone;
  /** KNOWN_MEMBER, KNOWN_NON_MEMBER or UNKNOWN; always UNKNOWN until a source names the founders. */
  lotiMembership: "KNOWN_MEMBER" | "KNOWN_NON_MEMBER" | "UNKNOWN";
  lotiMemberSince: string | null;
  source: string;
}

const NAMES: readonly string[] = [
  "City of London",
  "Barking and Dagenham",
  "Barnet",
  "Bexley",
  "Brent",
  "Bromley",
  "Camden",
  "Croydon",
  "Ealing",
  "Enfield",
  "Greenwich",
  "Hackney",
  "Hammersmith and Fulham",
  "Haringey",
  "Harrow",
  "Havering",
  "Hillingdon",
  "Hounslow",
  "Islington",
  "Kensington and Chelsea",
  "Kingston upon Thames",
  "Lambeth",
  "Lewisham",
  "Merton",
  "Newham",
  "Redbridge",
  "Richmond upon Thames",
  "Southwark",
  "Sutton",
  "Tower Hamlets",
  "Waltham Forest",
  "Wandsworth",
  "Westminster",
];

/** The 19 Outer London boroughs of the ONS statistical definition; the other 14 are Inner. */
const ONS_OUTER = new Set([
  "Barking and Dagenham",
  "Barnet",
  "Bexley",
  "Brent",
  "Bromley",
  "Croydon",
  "Ealing",
  "Enfield",
  "Greenwich",
  "Harrow",
  "Havering",
  "Hillingdon",
  "Hounslow",
  "Kingston upon Thames",
  "Merton",
  "Redbridge",
  "Richmond upon Thames",
  "Sutton",
  "Waltham Forest",
]);

/** Where the statutory definition (London Government Act 1963) differs from the ONS one. */
const STATUTORY_DIFFERENCES: Record<string, LondonZone> = {
  Haringey: "OUTER",
  Newham: "OUTER",
  Greenwich: "INNER",
};

const SOURCE = `${SOURCES.onsCodes}; zones: ${SOURCES.onsZones} and ${SOURCES.statutoryZones}; LOTI membership: ${SOURCES.lotiMembership}`;

/** The 33 London authorities, in GSS-code order. */
export const AUTHORITIES: readonly AuthorityRecord[] = NAMES.map((name, i) => {
  const onsZone: LondonZone = ONS_OUTER.has(name) ? "OUTER" : "INNER";
  return {
    code: `E090000${String(i + 1).padStart(2, "0")}`,
    name,
    onsZone,
    statutoryZone: STATUTORY_DIFFERENCES[name] ?? onsZone,
    lotiMembership: "UNKNOWN",
    lotiMemberSince: null,
    source: SOURCE,
  };
});
