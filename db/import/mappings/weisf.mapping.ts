import type { ToolMapping } from "../mapping.js";

/**
 * WEISF (Whole Essex Information Sharing Framework) publishes its information-sharing protocols
 * as a public list with the columns Title, Purpose, Lead Organisation, Other Organisations
 * Involved and Review date (weisf.essex.gov.uk/information-sharing-protocols).
 *
 * How it maps, and what it does not claim:
 * - each row is an initiative on tool `weisf`, id `weisf-<slug of the title>`;
 * - organisations that are London authorities (by name or GSS code) are the participating
 *   boroughs; every other organisation (WEISF's are mostly Essex councils, NHS and police) becomes
 *   a partner. WEISF protocols are usually led by Essex organisations, so a row with no London
 *   authority needs `--lead-borough CODE` to say which London borough takes part in the hub;
 * - the list gives no creation date: `created_at` is the import's as-of date, and a re-import on
 *   another day does not count the different date as a conflict;
 * - "Review date" on or before the as-of date becomes a REVIEW `SUBMITTED` event (the review was
 *   opened that day) from source `weisf`; a future review date is a plan, not an event, and is
 *   skipped. Nothing is inferred about approvals: the list does not say when protocols were signed.
 * - Dates may be ISO (2024-03-31) or UK day-first (31/03/2024, 31 March 2024).
 */
export const weisfMapping: ToolMapping = {
  tool: "weisf",
  source: "weisf",
  description: "WEISF public information-sharing protocol list (Title, Purpose, Lead Organisation, Other Organisations Involved, Review date)",
  columns: {
    title: "Title",
    purpose: "Purpose",
    lead: "Lead Organisation",
    others: "Other Organisations Involved",
    reviewDate: "Review date",
  },
  required: ["title", "lead"],
  initiative: {
    idPrefix: "weisf-",
    title: "title",
    purpose: "purpose",
    leadOrganisation: "lead",
    otherOrganisations: "others",
    listSeparator: /\s*[;,\n]\s*/,
  },
  events: [{ stage: "REVIEW", kind: "SUBMITTED", at: "reviewDate", skipFuture: true }],
};
