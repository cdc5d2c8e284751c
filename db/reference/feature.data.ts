/** A row of the tool comparison. */
export interface FeatureRecord {
  slug: string;
  name: string;
  description: string;
  /** Row order in the comparison. */
  position: number;
}

/** The rows of the tool comparison (RESEARCH.md, "The IG tools of the seed's comparison"). */
export const FEATURES: readonly FeatureRecord[] = [
  { slug: "organisation-register", name: "Organisation register / assurance", description: "A register of the organisations that share, with their assurance (e.g. ODS code, ICO registration).", position: 1 },
  { slug: "dpo-directory", name: "DPO / approver directory", description: "Who approves IG documents in each organisation (DPOs, IG leads, approvers by role).", position: 2 },
  { slug: "isa-registry", name: "ISA registry", description: "A register of information-sharing agreements (ISAs/DSAs/ISPs) and their parties.", position: 3 },
  { slug: "dpia", name: "DPIA", description: "Support for writing and assessing data protection impact assessments.", position: 4 },
  { slug: "templates", name: "Templates", description: "Templates for the IG documents (ISA, DPIA, review) or designers to make them.", position: 5 },
  { slug: "per-organisation-signoff", name: "Sign-off per organisation", description: "A workflow in which each participating organisation signs off the document.", position: 6 },
  { slug: "data-flow-mapping", name: "Data-flow mapping", description: "A map of which data flows between which organisations.", position: 7 },
  { slug: "audit-trail", name: "Audit trail", description: "A record of who changed or approved what, and when.", position: 8 },
  { slug: "review-reminders", name: "Review / expiry reminders", description: "Reminders before an agreement's review or expiry date.", position: 9 },
  { slug: "reporting", name: "Reporting", description: "Reports or dashboards over the agreements and their status.", position: 10 },
  { slug: "api-export", name: "API / export", description: "An API or export of the agreements and their data.", position: 11 },
];
