import type { HubDb } from "../connection.js";
import { DPO_REVIEW_KIND, IngestRunQueries, type DpoReviewStages, type RunQuality } from "../queries/ingest-run.queries.js";
import type { WriteSummary } from "../writes/index.js";
import type { Mapping } from "./mapping.types.js";
import { PRESETS, loadPreset } from "./presets/index.js";

/** Where a run came from: `hub import`, `hub sync`, `POST /ingest`. */
export type RunSource = "import" | "sync" | "ingest";

export interface RunInfo {
  source: RunSource;
  /** What was read: file names, `isg:flows.csv`, a host. */
  label: string;
  /** The write session's actor (events' recorded_by): the run's events are found by it. */
  actor: string;
  /** The mapping the run read through, if any (its DPO reviews count besides the presets'). */
  mapping?: Mapping | null;
  now?: () => number;
}

/** A run's data-quality answer: the write's counts are in its summary; these come with them. */
export interface RunReport extends RunQuality {
  /** The kept run (ingest_runs.id); null for a dry run, which is not kept. */
  runId: number | null;
  /** Records already stored as sent, left as they were (initiatives and events). */
  skipped: number;
}

/** The stages at which each tool's mapping records a DPO review: events of kind {@link DPO_REVIEW_KIND}, fixed or by a value map. */
export function dpoReviewStagesOf(mappings: readonly Mapping[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of mappings)
    for (const e of m.events) {
      const kinds = "constant" in e.kind ? [e.kind.constant] : [...(e.kind.values?.entries.values() ?? [])];
      if (!kinds.includes(DPO_REVIEW_KIND)) continue;
      const stages = out.get(m.tool) ?? new Set<string>();
      // A stage read from a column may be any: "*".
      stages.add("constant" in e.stage ? e.stage.constant : "*");
      out.set(m.tool, stages);
    }
  return out;
}

let presetStages: Map<string, Set<string>> | null = null;

/** The presets' DPO-review stages with those of the run's own mapping. */
function dpoReviewStages(mapping: Mapping | null | undefined): DpoReviewStages {
  presetStages ??= dpoReviewStagesOf(PRESETS.map((name) => loadPreset(name)));
  if (!mapping) return presetStages;
  const merged = new Map([...presetStages].map(([tool, stages]) => [tool, new Set(stages)]));
  for (const [tool, stages] of dpoReviewStagesOf([mapping])) merged.set(tool, new Set([...(merged.get(tool) ?? []), ...stages]));
  return merged;
}

/**
 * Runs one import, sync or push (`write`) and keeps what came of it in ingest_runs: the write's
 * counts, the corrections it applied and the warnings its committed events raise (see
 * IngestRunQueries.quality). A refused run is kept with its error count and no warnings; a dry run
 * is not kept (nothing happened) and has no warnings (its events were rolled back).
 */
export async function trackRun<R extends WriteSummary>(db: HubDb, info: RunInfo, write: () => Promise<R>): Promise<{ result: R; report: RunReport }> {
  const runs = new IngestRunQueries(db);
  const before = runs.lastEventId();
  const result = await write();
  const now = info.now?.() ?? Date.now();
  const quality: RunQuality = result.committed ? runs.quality(before, info.actor, now, dpoReviewStages(info.mapping)) : { corrections: 0, warnings: 0, warningList: [] };
  const skipped = result.committed || result.dryRun ? result.initiativesUnchanged + result.eventsUnchanged : 0;
  if (result.dryRun) return { result, report: { runId: null, skipped, ...quality } };
  const runId = runs.record({
    at: now,
    source: info.source,
    label: info.label,
    actor: info.actor,
    committed: result.committed,
    initiativesAdded: result.committed ? result.initiativesCreated : 0,
    eventsAdded: result.committed ? result.eventsAdded : 0,
    skipped,
    errors: result.errors.length + result.moreErrors,
    ...quality,
  });
  return { result, report: { runId, skipped, ...quality } };
}
