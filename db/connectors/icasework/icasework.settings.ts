import { readFileSync } from "node:fs";
import { MappingFileError, YamlChecker, join } from "../../mapping/yaml.checker.js";
import type { ICaseworkSyncSettings } from "./icasework.records.js";

/**
 * The settings of `hub sync icasework --mapping FILE`, a YAML file like the mapping files:
 *
 *   case_types: [Data sharing request, DPIA request]   # iCasework case types that are IG cases
 *   lead_borough: E09000030                            # the council whose iCasework this is
 *   stages: { 1: DPIA, 2: ISA }                        # iCasework stage → hub stage
 *   outcomes: { Rejected: REJECTED }                   # other outcomes of a completed stage: APPROVED
 *   signers: { IG Team: E09000030 }                    # OutcomeBy → signer (else initiative-wide)
 *
 * Problems are reported as for mapping files: `file:line: key: what was expected`. The values
 * themselves (stage names, GSS codes) are checked by checkSyncSettings when the sync starts.
 */
export function parseSyncSettings(text: string, file: string): ICaseworkSyncSettings {
  const c = new YamlChecker(file, text);
  if (c.problems.length > 0) throw new MappingFileError(c.problems);
  const top = c.entries(c.root, "", ["case_types", "lead_borough", "stages", "outcomes", "signers"], ["case_types", "lead_borough", "stages"]);
  const caseTypes = (top?.has("case_types") ? (c.list(top.get("case_types"), "case_types", "a list of iCasework case types", true) ?? []) : []).map((i) => c.text(i.node, i.path, "a case type") ?? "");
  const leadBorough = top?.has("lead_borough") ? (c.text(top.get("lead_borough"), "lead_borough", "a London GSS code such as E09000030") ?? "") : "";
  const words = (key: string, what: string): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!top?.has(key)) return out;
    for (const [word, value] of c.pairs(top.get(key), key, what) ?? []) {
      const v = c.text(value, join(key, word), what);
      if (v !== undefined) out[word] = v;
    }
    return out;
  };
  const stages: ICaseworkSyncSettings["stages"] = {};
  for (const [n, stage] of Object.entries(words("stages", "a hub stage such as DPIA"))) {
    if (!["1", "2", "3", "4"].includes(n)) c.fail(join("stages", n), top?.get("stages"), `expected an iCasework stage 1, 2, 3 or 4, got ${JSON.stringify(n)}`);
    else stages[Number(n) as 1 | 2 | 3 | 4] = stage;
  }
  const outcomes = words("outcomes", "an event kind (APPROVED, REJECTED or WITHDRAWN)");
  const signers = words("signers", "a GSS code or partner slug");
  c.problems.sort((a, b) => a.line - b.line);
  if (c.problems.length > 0) throw new MappingFileError(c.problems);
  return { caseTypes, leadBorough, stages, outcomes, signers };
}

/** Reads the settings file; problems as {@link MappingFileError}. */
export function loadSyncSettings(path: string): ICaseworkSyncSettings {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new MappingFileError([{ file: path, line: 0, path: "", message: `cannot read the settings file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a readable YAML file` }]);
  }
  return parseSyncSettings(text, path);
}
