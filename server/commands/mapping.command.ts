import { existsSync } from "node:fs";
import type { Command } from "commander";
import { MappingFileError, PRESETS, TableFileError, formatMappingProblem, loadMapping, loadPreset, previewMapping, readTable, type Mapping, type MappingPreview } from "../../db/mapping/index.js";
import type { PresetName } from "../../db/mapping/presets/index.js";
import { userError } from "../user-error.js";

/**
 * A mapping named on the command line: a file when one exists at that path, else a preset's name
 * (a file called `isg` in the working directory wins over the preset, as a path would).
 */
export function resolveMapping(nameOrPath: string): Mapping {
  if (!existsSync(nameOrPath) && (PRESETS as readonly string[]).includes(nameOrPath)) return loadPreset(nameOrPath as PresetName);
  if (!existsSync(nameOrPath) && !/[./\\]/.test(nameOrPath))
    throw userError(`no mapping file ${JSON.stringify(nameOrPath)} and no preset of that name; expected a YAML mapping file or one of ${PRESETS.join(", ")}`);
  return loadMapping(nameOrPath);
}

interface CheckFlags {
  rows: string;
  sheet?: string;
  leadBorough?: string;
  asOf?: string;
}

/** The preview as the lines `hub mapping check` prints: per row its initiative, signers, events and errors. */
export function formatPreview(p: MappingPreview): string[] {
  const out: string[] = [];
  for (const e of p.errors) out.push(`error: ${e}`);
  for (const row of p.rows) {
    out.push(`line ${row.line}:${row.skipped ? " skipped (only_rows)" : ""}`);
    if (row.initiative) {
      const i = row.initiative;
      out.push(`  initiative ${i.id}: ${JSON.stringify(i.title)}, lead ${i.lead_borough}, boroughs ${i.boroughs.join(";") || "-"}, partners ${i.partners.join(";") || "-"}, tool ${i.tool}, status ${i.status || "(from events)"}, created ${i.created_at}`);
      if (row.signers.length > 0) out.push(`  signers ${row.signers.join(";")}`);
    }
    for (const e of row.events) out.push(`  event ${e.initiative_id} ${e.stage} ${e.kind} ${e.at}${e.borough ? ` by ${e.borough}` : ""} (${e.source}:${e.source_ref})`);
    for (const e of row.errors) out.push(`  error: ${e}`);
  }
  if (p.more > 0) out.push(`... and ${p.more} more rows`);
  return out;
}

/**
 * `hub mapping check FILE [EXPORT]`: checks a mapping file (or preset) and, given an export, prints
 * what its first rows become. A problem with the mapping names its line and key; exit 1 when the
 * mapping or any previewed row has one.
 */
export function registerMappingCommand(program: Command): void {
  const mapping = program.command("mapping").description("Mapping files: how a tool's export becomes initiatives and stage events");
  mapping
    .command("check")
    .description("Check a mapping file (YAML) or preset; with an export, show what its first rows become")
    .argument("<mapping>", `a mapping file, or a preset (${PRESETS.join(", ")})`)
    .argument("[export]", "a CSV or XLSX export to preview")
    .option("--rows <n>", "how many rows of the export to show", "5")
    .option("--sheet <name>", "with an .xlsx export: the worksheet to read (default the first)")
    .option("--lead-borough <code>", "GSS code of the London borough leading rows that name no London authority")
    .option("--as-of <date>", "the date treated as today (YYYY-MM-DD)")
    .action(async (file: string, exportFile: string | undefined, flags: CheckFlags) => {
      const n = Number(flags.rows);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw userError(`--rows must be a whole number from 1 to 1000 (got ${JSON.stringify(flags.rows)})`);
      let m: Mapping;
      try {
        m = resolveMapping(file);
      } catch (err) {
        if (!(err instanceof MappingFileError)) throw err;
        for (const p of err.problems) console.error(formatMappingProblem(p));
        console.error(`mapping refused: ${err.problems.length} problem${err.problems.length === 1 ? "" : "s"}`);
        process.exitCode = 1;
        return;
      }
      console.log(`${file}: a valid mapping for tool ${m.tool} (${m.events.length} event rule${m.events.length === 1 ? "" : "s"}, columns ${Object.values(m.columns).join(", ")})`);
      if (exportFile === undefined) return;
      let preview: MappingPreview;
      try {
        preview = previewMapping(m, await readTable(exportFile, { sheet: flags.sheet }), n, { leadBorough: flags.leadBorough, asOf: flags.asOf });
      } catch (err) {
        if (!(err instanceof TableFileError)) throw err;
        console.error(err.message);
        process.exitCode = 1;
        return;
      }
      for (const line of formatPreview(preview)) console.log(line);
      if (preview.errors.length > 0 || preview.rows.some((r) => r.errors.length > 0)) process.exitCode = 1;
    });
}
