import { AUTHORITIES } from "../reference/authority.data.js";
import { dayNumberToIso } from "../../analytics/working-days.js";
import { epochDay } from "./calendar.js";
import type { Rng } from "./random.js";

/** A borough's tool adoption in the synthetic world (to = null: still in use). */
export interface SyntheticAdoption {
  tool: string;
  from: string;
  to: string | null;
}

/** How one borough behaves in the synthetic world. */
export interface BoroughProfile {
  code: string;
  name: string;
  /** Multiplies its sign-off times: above 1 is consistently slower than its peers. */
  slowness: number;
  /** Relative chance of leading or joining an initiative. */
  activity: number;
  adoptions: SyntheticAdoption[];
}

/** Boroughs bordering Essex, where the Essex framework (WEISF) is plausibly used. */
const ESSEX_BORDER = new Set(["E09000002", "E09000016", "E09000026", "E09000031"]);

function dateBetween(rng: Rng, fromIso: string, toIso: string): string {
  return dayNumberToIso(rng.int(epochDay(fromIso), epochDay(toIso)));
}

function yearsAfter(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

/**
 * Draws each borough's profile: its slowness (log-normal, so a few boroughs are consistently much
 * slower), how active it is, and which tools it adopted when. ISG mostly arrives after 2020 (the
 * 2019 workshop recommended a 12-month trial; the pan-London DSAs moved to it later).
 */
export function drawBoroughs(rng: Rng, endIso: string): BoroughProfile[] {
  return AUTHORITIES.map((a) => {
    const adoptions: SyntheticAdoption[] = [{ tool: "manual", from: "2019-01-01", to: null }];
    const add = (tool: string, p: number, from: string, to: string, stopChance = 0) => {
      if (!rng.chance(p)) return;
      const start = dateBetween(rng, from, to);
      const stop = rng.chance(stopChance) ? yearsAfter(start, rng.int(1, 3)) : null;
      adoptions.push({ tool, from: start, to: stop !== null && stop < endIso ? stop : null });
    };
    if (rng.chance(0.2)) add("isg", 1, "2019-11-01", "2020-10-31");
    else add("isg", 0.78, "2020-11-01", "2023-12-31");
    add("onelondon", 0.35, "2019-06-01", "2022-12-31");
    add("weisf", ESSEX_BORDER.has(a.code) ? 0.6 : 0.03, "2019-01-01", "2021-12-31");
    add("icase", 0.2, "2019-01-01", "2024-06-30", 0.4);
    add("ecins", 0.3, "2019-01-01", "2023-12-31", 0.2);
    add("flowz", 0.06, "2019-06-01", "2022-12-31", 0.5);
    return {
      code: a.code,
      name: a.name,
      slowness: rng.logNormal(1, 0.35),
      activity: a.code === "E09000001" ? 0.3 : rng.logNormal(1, 0.4),
      adoptions,
    };
  });
}
