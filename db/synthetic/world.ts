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

/** How one partner organisation behaves in the synthetic world. */
export interface PartnerProfile {
  slug: string;
  /** Multiplies its sign-off times, as a borough's slowness does. */
  slowness: number;
  /** Chance that it takes part in an initiative as a non-signing observer or processor. */
  observerChance: number;
  /** Relative chance of joining an initiative of a health theme, or of another theme. */
  health: boolean;
}

/**
 * Typical sign-off speed of each kind of partner, relative to a borough (invented, so that the
 * analytics have a slow signer to find): NHS trusts and the police are the slowest, observers
 * (charities, universities) rarely sign at all.
 */
const PARTNER_KIND: Record<string, { slowness: number; observerChance: number }> = {
  NHS_TRUST: { slowness: 1.6, observerChance: 0.1 },
  ICS: { slowness: 1.3, observerChance: 0.15 },
  POLICE: { slowness: 1.9, observerChance: 0.1 },
  FIRE: { slowness: 1.1, observerChance: 0.15 },
  GLA: { slowness: 0.9, observerChance: 0.2 },
  HOUSING_ASSOCIATION: { slowness: 1.2, observerChance: 0.2 },
  PROBATION: { slowness: 1.4, observerChance: 0.15 },
  CHARITY: { slowness: 0.9, observerChance: 0.5 },
  UNIVERSITY: { slowness: 1.0, observerChance: 0.6 },
  CENTRAL_GOVERNMENT: { slowness: 1.5, observerChance: 0.2 },
};

/** Draws each partner organisation's profile: its kind's speed, varied per organisation (log-normal). */
export function drawPartners(rng: Rng, partners: readonly { slug: string; kind: string; health: boolean }[]): PartnerProfile[] {
  return partners.map((p) => {
    const kind = PARTNER_KIND[p.kind] ?? { slowness: 1, observerChance: 0.2 };
    return { slug: p.slug, slowness: kind.slowness * rng.logNormal(1, 0.2), observerChance: kind.observerChance, health: p.health };
  });
}
