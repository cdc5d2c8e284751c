import type { RecordedEvent } from "./audit.js";

/** What a write session knows of one initiative it read or wrote. */
export interface InitiativeState {
  processSlug: string;
  /** Participating boroughs (GSS codes), signing or not. */
  boroughs: Set<string>;
  /** Partner organisations (slugs), signing or not. */
  partners: Set<string>;
  /** The participants whose APPROVED a stage waits for: signing boroughs and partners. */
  signers: Set<string>;
  lead: string;
  /** Some participant joined late or left: derivations read the stored periods (db/writes/participation.ts). */
  periods?: boolean;
  /** Created in this session (its events are all in hand). */
  created: boolean;
  line: number;
  /** Status given explicitly in this session; otherwise it is derived after the events are in. */
  statusGiven: boolean;
  status: string;
  eventsAdded: number;
  /** The event added, when the session added exactly one (its audit row names it). */
  lastEvent?: RecordedEvent;
}
