import { isoToDayNumber } from "../working-days.js";
import { MetricArgumentError, UnknownValueError } from "./argument.error.js";
import type { CycleTable } from "./cycle-table.js";

/** The filter every metric accepts (the GraphQL `MetricFilter` input, or a plain object). */
export interface MetricFilterValue {
  stages?: string[] | null;
  tools?: string[] | null;
  boroughs?: string[] | null;
  /** Participating organisations: London boroughs (GSS codes) and partner organisations (slugs). */
  organisations?: string[] | null;
  practices?: string[] | null;
  submittedFrom?: Date | string | null;
  submittedTo?: Date | string | null;
}

/** A filter resolved against one cycle table: lookups by dictionary index. */
export interface CompiledFilter {
  stageOk: Uint8Array | null;
  toolOk: Uint8Array | null;
  /** Listed boroughs by borough index (null: no borough filter). */
  boroughOk: Uint8Array | null;
  anyBorough: boolean;
  /** Listed organisations: boroughs by borough index and partners by partner index (null: no organisation filter). */
  organisationOk: { boroughs: Uint8Array; partners: Uint8Array } | null;
  /** By initiative index: 1 when it passes the borough and organisation filters (null: neither given). */
  initOk: Uint8Array | null;
  practiceMask: number;
  anyPractice: boolean;
  fromDay: number;
  toDay: number;
  /** No condition at all: every live row passes. */
  empty: boolean;
}

/** An ISO date from a `Date` scalar value (UTC midnight) or a string; day number. */
export function dayOf(argument: string, v: Date | string): number {
  const iso = typeof v === "string" ? v : Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  try {
    return isoToDayNumber(iso);
  } catch {
    // A Date is shown as its ISO date, never as JavaScript's "Mon Jan 01 0001 …".
    throw new MetricArgumentError(argument, `expected a date YYYY-MM-DD, got ${JSON.stringify(iso || String(v))}`);
  }
}

function lookup(argument: string, values: string[] | null | undefined, index: Map<string, number>, allowed: string[], what: string): Uint8Array | null {
  if (!values || values.length === 0) return null;
  const ok = new Uint8Array(Math.max(allowed.length, 1));
  for (const v of values) {
    const i = index.get(v);
    if (i === undefined) throw new UnknownValueError(argument, v, allowed, what);
    ok[i] = 1;
  }
  return ok;
}

/** The organisations filter resolved: each value a borough's GSS code or a partner's slug; UnknownValueError otherwise. */
function organisationLookup(t: CycleTable, argument: string, values: string[] | null | undefined): CompiledFilter["organisationOk"] {
  if (!values || values.length === 0) return null;
  const boroughs = new Uint8Array(Math.max(t.boroughs.length, 1));
  const partners = new Uint8Array(Math.max(t.partners.length, 1));
  for (const v of values) {
    const b = t.boroughIndex.get(v);
    const p = t.partnerIndex.get(v);
    if (b !== undefined) boroughs[b] = 1;
    else if (p !== undefined) partners[p] = 1;
    else throw new UnknownValueError(argument, v, [...t.boroughs, ...t.partners], "organisation (a borough's GSS code or a partner organisation's slug)");
  }
  return { boroughs, partners };
}

/** Per initiative: 1 when one of its boroughs is listed in `b` (if given) and one of its participants in `o` (if given). */
function initiativesTakingPart(t: CycleTable, b: Uint8Array | null, o: CompiledFilter["organisationOk"]): Uint8Array {
  const m = t.initiativeIds.length;
  const ok = new Uint8Array(m);
  const { partFirst, partCount, partBoroughs, partIds } = t;
  for (let i = 0; i < m; i++) {
    const f = partFirst[i]!;
    const nb = partBoroughs[i]!;
    const end = f + partCount[i]!;
    let pass = true;
    if (b) {
      pass = false;
      for (let j = f; j < f + nb; j++) if (b[partIds[j]!]) { pass = true; break; }
    }
    if (pass && o) {
      pass = false;
      for (let j = f; j < end; j++) if (j < f + nb ? o.boroughs[partIds[j]!] : o.partners[partIds[j]!]) { pass = true; break; }
    }
    ok[i] = pass ? 1 : 0;
  }
  return ok;
}

/**
 * Whether a signer's rows are listed under the filter: with a borough filter only listed boroughs
 * (a partner is no borough), with an organisation filter only listed organisations; else all.
 */
export function signerListed(t: CycleTable, f: CompiledFilter, code: string, isBorough: boolean): boolean {
  if (f.boroughOk) {
    const b = isBorough ? t.boroughIndex.get(code) : undefined;
    if (b === undefined || !f.boroughOk[b]) return false;
  }
  if (f.organisationOk) {
    const b = isBorough ? t.boroughIndex.get(code) : undefined;
    const p = isBorough ? undefined : t.partnerIndex.get(code);
    if (b !== undefined ? !f.organisationOk.boroughs[b] : p === undefined || !f.organisationOk.partners[p]) return false;
  }
  return true;
}

/**
 * Resolves a filter against a table. `prefix` names the argument in messages (`filter`, `a`,
 * `cohort`, ...). Unknown values raise UnknownValueError; a period that ends before it starts
 * raises MetricArgumentError.
 */
export function compileFilter(t: CycleTable, prefix: string, f: MetricFilterValue | null | undefined): CompiledFilter {
  const stageOk = lookup(`${prefix}.stages`, f?.stages, t.stageIndex, t.stages, "stage");
  const toolOk = lookup(`${prefix}.tools`, f?.tools, t.toolIndex, t.tools, "tool");
  const b = lookup(`${prefix}.boroughs`, f?.boroughs, t.boroughIndex, t.boroughs, "borough (GSS code)");
  const p = lookup(`${prefix}.practices`, f?.practices, t.practiceIndex, t.practices, "practice");
  const o = organisationLookup(t, `${prefix}.organisations`, f?.organisations);
  const initOk = b || o ? initiativesTakingPart(t, b, o) : null;
  let practiceMask = 0;
  if (p) for (let i = 0; i < p.length; i++) if (p[i]) practiceMask |= 1 << i;
  const fromDay = f?.submittedFrom ? dayOf(`${prefix}.submittedFrom`, f.submittedFrom) : -Infinity;
  const toDay = f?.submittedTo ? dayOf(`${prefix}.submittedTo`, f.submittedTo) : Infinity;
  if (fromDay > toDay) throw new MetricArgumentError(`${prefix}.submittedFrom`, "submittedFrom is after submittedTo; expected submittedFrom ≤ submittedTo");
  const empty = !stageOk && !toolOk && !initOk && !p && fromDay === -Infinity && toDay === Infinity;
  return { stageOk, toolOk, boroughOk: b, anyBorough: b !== null, organisationOk: o, initOk, practiceMask, anyPractice: p !== null, fromDay, toDay, empty };
}

/** The index of a stage code in the table; UnknownValueError (naming `argument`) when it has none. */
export function stageIndexOf(t: CycleTable, argument: string, stage: string): number {
  const s = t.stageIndex.get(stage);
  if (s === undefined) throw new UnknownValueError(argument, stage, t.stages, "stage");
  return s;
}

/**
 * True when cycle row `r` passes the filter: its stage, its initiative's tool, an initiative taking
 * part in any listed borough, using any listed practice, submitted (London date) within the period.
 */
export function passes(t: CycleTable, f: CompiledFilter, r: number): boolean {
  if (t.submittedAt[r] === Infinity) return false; // a row whose cycle is gone (db/cycles/cycle-table.delta.ts)
  if (f.stageOk && !f.stageOk[t.stage[r]!]) return false;
  const i = t.init[r]!;
  if (f.toolOk && !f.toolOk[t.initTool[i]!]) return false;
  if (f.initOk && f.initOk[i] === 0) return false;
  if (f.anyPractice && (t.initPractices[i]! & f.practiceMask) === 0) return false;
  const d = t.subDay[r]!;
  return d >= f.fromDay && d <= f.toDay;
}

/**
 * The usual question — everything, as of now: every live row passes and shows its final outcome,
 * so a kernel may read the outcome column as it is instead of testing each row.
 */
export function seesEverythingFinal(t: CycleTable, f: CompiledFilter, asOf: number): boolean {
  return f.empty && asOf >= t.maxInstant && t.deadRows === 0;
}
