/**
 * Citations shared by several reference-data modules (RESEARCH.md). Each fact in the reference
 * data carries one of these, or its own, in a `source` field.
 */
export const SOURCES = {
  workshop2019: "LOTI Information Governance Workshop, 28 October 2019 (lead borough: Camden)",
  workshopSlide12: "LOTI Information Governance Workshop, 28 October 2019, slide 12 (recommendations for LOTI data projects)",
  workshopSlide17: "LOTI Information Governance Workshop, 28 October 2019, slide 17 (how ISG compares with other IG tools)",
  onsCodes: "ONS GSS codes for London local authority districts (E09000001..E09000033)",
  onsZones: "ONS statistical definition of Inner/Outer London",
  statutoryZones: "London Government Act 1963 (statutory Inner/Outer London)",
  lotiMembership:
    "LOTI launched June 2019 with 15 founding boroughs plus the GLA and London Councils (London Councils press release); " +
    "16 boroughs in its first year (Computer Weekly); 27 boroughs in 2023 (GLA evaluation of LOTI, 2023). " +
    "Which boroughs were founders was not found, so membership is UNKNOWN",
  londonRecoveryBoard: "London Recovery Board, six measures for data sharing (October 2020)",
  baseline: "baseline: email and documents, by definition",
} as const;
