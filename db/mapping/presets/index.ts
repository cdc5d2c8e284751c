import { fileURLToPath } from "node:url";
import { loadMapping } from "../mapping.loader.js";
import type { Mapping } from "../mapping.types.js";

/**
 * The mapping files shipped with the hub, by name (`hub import --mapping isg`). Each is a YAML file
 * beside this one with an anonymised sample in db/mapping/samples/; an analyst copies one to adjust
 * its headers. e-CINS and Flowz have none: they publish no export or API format to map from.
 */
export const PRESETS = ["weisf", "isg", "dcc", "icasework"] as const;
export type PresetName = (typeof PRESETS)[number];

/** The file of a preset. */
export function presetPath(name: PresetName): string {
  return fileURLToPath(new URL(`./${name}.yaml`, import.meta.url));
}

/** A preset, loaded and checked. */
export function loadPreset(name: PresetName): Mapping {
  return loadMapping(presetPath(name));
}
