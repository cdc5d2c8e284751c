/** The weekly digest's data (issue 15, point 6): what its renderers and the graph's `digest` share. */
import type { AgreementData, OpenItemData } from "../analytics/metrics/index.js";

export type DigestItem = OpenItemData & { title: string };
export type DigestReview = AgreementData & { title: string };

/** The digest's forms: Markdown, CSV and a self-contained HTML page. */
export const DIGEST_FORMATS = ["md", "csv", "html"] as const;
export type DigestFormatName = (typeof DIGEST_FORMATS)[number];

/** What a weekly digest holds for one organisation. */
export interface DigestData {
  organisation: string;
  asOf: number;
  /** The forecasts' history window in days (0 = all history). */
  historyDays: number;
  /** The dataset kind (`demo`, `large`, `imported`, `empty`) and whether it is synthetic. */
  dataset: { kind: string; synthetic: boolean };
  /** Sign-offs waiting on the organisation, oldest first. */
  waitingOnIt: DigestItem[];
  /** Open stages of its initiatives waiting on other signers, oldest first (pendingSigners without it). */
  waitingOnOthers: DigestItem[];
  /** Its live agreements due for review within 90 days or overdue, by due date. */
  reviewsDue: DigestReview[];
}
