import { registerEnumType } from "type-graphql";

/** Inner or Outer London. */
export enum LondonZone {
  INNER = "INNER",
  OUTER = "OUTER",
}
registerEnumType(LondonZone, { name: "LondonZone", description: "Inner or Outer London (the definition is named by the field that uses it)." });

/** Whether a borough is a LOTI member, as far as the sources say. */
export enum LotiMembership {
  KNOWN_MEMBER = "KNOWN_MEMBER",
  KNOWN_NON_MEMBER = "KNOWN_NON_MEMBER",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(LotiMembership, {
  name: "LotiMembership",
  description: "Membership of LOTI (London Office of Technology and Innovation) as far as a source says; UNKNOWN when no source says.",
  valuesConfig: {
    KNOWN_MEMBER: { description: "A source names the borough as a LOTI member." },
    KNOWN_NON_MEMBER: { description: "A source says the borough is not a LOTI member." },
    UNKNOWN: { description: "No source found either way." },
  },
});

/** The IG roles a borough names contacts for. */
export enum IgRole {
  DPO = "DPO",
  IG_LEAD = "IG_LEAD",
  SIRO = "SIRO",
  CALDICOTT_GUARDIAN = "CALDICOTT_GUARDIAN",
}
registerEnumType(IgRole, {
  name: "IgRole",
  description: "An information-governance role in a borough.",
  valuesConfig: {
    DPO: { description: "Data Protection Officer: signs off DPIAs and sharing agreements." },
    IG_LEAD: { description: "Information-governance lead." },
    SIRO: { description: "Senior Information Risk Owner." },
    CALDICOTT_GUARDIAN: { description: "Caldicott Guardian: protects the confidentiality of health and care data." },
  },
});
