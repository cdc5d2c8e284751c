import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { seededRandom } from "../../../analytics/random.js";

/**
 * A deterministic generator of canonical CSV files of any size (for the import benchmark and the
 * crash-safety test). Every initiative walks the five stages in order, so the files are valid:
 * each stage is SUBMITTED, may have query rounds, and is APPROVED by each participating borough.
 */

const STAGES = ["IDEA", "CONCEPT", "DPIA", "ISA", "REVIEW"];
const TOOLS = ["isg", "onelondon", "weisf", "icase", "ecins", "flowz", "manual"];
const DAY = 86_400_000;

export interface SyntheticFiles {
  initiativesPath: string;
  eventsPath: string;
  initiatives: number;
  events: number;
}

/** Writes `initiatives.csv` and `events.csv` with exactly `totalEvents` events into `dir`. */
export async function writeSyntheticCsv(dir: string, totalEvents: number, seed: number): Promise<SyntheticFiles> {
  const rnd = seededRandom(seed);
  const initiativesPath = join(dir, "initiatives.csv");
  const eventsPath = join(dir, "events.csv");
  const ini = createWriteStream(initiativesPath);
  const ev = createWriteStream(eventsPath);
  ini.write("id,title,lead_borough,boroughs,partners,tool,practices,status,created_at\n");
  ev.write("initiative_id,stage,borough,kind,at,source,source_ref\n");
  let events = 0;
  let initiatives = 0;
  let buf = "";
  const flush = async () => {
    if (!ev.write(buf)) await once(ev, "drain");
    buf = "";
  };
  while (events < totalEvents) {
    initiatives++;
    const id = `S${String(initiatives).padStart(6, "0")}`;
    const n = 1 + Math.floor(rnd() * 4);
    const boroughs = new Set<string>();
    while (boroughs.size < n) boroughs.add(`E090000${String(1 + Math.floor(rnd() * 33)).padStart(2, "0")}`);
    const list = [...boroughs];
    const tool = TOOLS[Math.floor(rnd() * TOOLS.length)]!;
    let t = Date.UTC(2019, 0, 1) + Math.floor(rnd() * 5 * 365) * DAY + 9 * 3_600_000;
    const created = new Date(t).toISOString().slice(0, 10);
    ini.write(`${id},Synthetic initiative ${initiatives},${list[0]},${list.join(";")},,${tool},,,${created}\n`);
    let k = 0;
    const push = (stage: string, borough: string, kind: string) => {
      if (events >= totalEvents) return;
      buf += `${id},${stage},${borough},${kind},${new Date(t).toISOString()},bench,${id}-${k++}\n`;
      events++;
    };
    for (const stage of STAGES) {
      push(stage, "", "SUBMITTED");
      const queries = Math.floor(rnd() * 3);
      for (let q = 0; q < queries; q++) {
        t += Math.floor(rnd() * 10 + 1) * DAY;
        push(stage, list[Math.floor(rnd() * list.length)]!, "QUERY_RAISED");
        t += Math.floor(rnd() * 10 + 1) * DAY;
        push(stage, "", "RESUBMITTED");
      }
      for (const b of list) {
        t += Math.floor(rnd() * 15 + 1) * DAY;
        push(stage, b, "APPROVED");
      }
      t += Math.floor(rnd() * 20 + 1) * DAY;
    }
    if (buf.length > 1 << 20) await flush();
  }
  await flush();
  ini.end();
  ev.end();
  await Promise.all([once(ini, "finish"), once(ev, "finish")]);
  return { initiativesPath, eventsPath, initiatives, events };
}
