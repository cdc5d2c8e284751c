import { ICaseworkError } from "./icasework.errors.js";
import { ICaseworkClient, type ICaseworkClientOptions } from "./icasework.client.js";
import type { ICaseworkCase } from "./icasework.parse.js";
import { casesToRecords, checkSyncSettings, isIgCase, type ICaseworkSyncSettings } from "./icasework.records.js";
import type { EventRecord, InitiativeRecord } from "../../mapping/records.js";

export interface ICaseworkSyncOptions extends ICaseworkClientOptions {
  settings: ICaseworkSyncSettings;
  /**
   * Only cases received on or after this date (YYYY-MM-DD), through getcases' `From`. iCasework
   * compares the case's RECEIPT date: a case received earlier whose stage changed since is not
   * read, so an incremental sync with --since misses it; a periodic sync without it catches up.
   */
  since?: string;
}

export interface ICaseworkSyncResult {
  /** The IG cases read, by case id, holding only the fields the hub keeps. */
  cases: ICaseworkCase[];
  initiatives: InitiativeRecord[];
  events: EventRecord[];
  /** Cases getcases listed, and how many of them were not of an IG case type. */
  listed: number;
  otherTypes: number;
}

/**
 * Reads every IG case from iCasework and turns them into canonical records; nothing is written
 * here. Cases are read one after another (one request at a time to the council's system) and
 * come back ordered by case id, so the same cases give the same output. Any failure throws one
 * ICaseworkError and returns nothing, so the caller writes all of a sync or none of it.
 */
export async function syncICasework(options: ICaseworkSyncOptions): Promise<ICaseworkSyncResult> {
  checkSyncSettings(options.settings);
  if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since))
    throw new ICaseworkError("settings", `--since ${JSON.stringify(options.since)} is not a date; expected YYYY-MM-DD (cases received on or after it are read)`);
  const client = new ICaseworkClient(options);
  const listed = await client.listCases(options.since);
  const ig = listed.filter((c) => isIgCase(c.caseType, options.settings));
  const ids = [...new Set(ig.map((c) => c.caseId))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const cases: ICaseworkCase[] = [];
  for (const id of ids) cases.push(await client.caseDetails(id));
  const { initiatives, events } = casesToRecords(cases, options.settings);
  return { cases, initiatives, events, listed: listed.length, otherTypes: listed.length - ig.length };
}
