import { GraphQLError } from "graphql";
import { isoToDayNumber } from "../../analytics/working-days.js";
import type { CycleTable } from "./cycle.store.js";

/** The filter every metric accepts (the GraphQL `MetricFilter` input, or a plain object in tests). */
export interface MetricFilterValue {
  stages?: string[] | null;
  tools?: string[] | null;
  boroughs?: string[] | null;
  practices?: string[] | null;
  submittedFrom?: Date | string | null;
  submittedTo?: Date | string | null;
}

/** A filter resolved against one cycle table: lookups by dictionary index. */
export interface CompiledFilter {
  stageOk: Uint8Array | null;
  toolOk: Uint8Array | null;
  boroughLo: number;
  boroughHi: number;
  anyBorough: boolean;
  practiceMask: number;
  anyPractice: boolean;
  fromDay: number;
  toDay: number;
  /** No condition at all: every live row passes. */
  empty: boolean;
}

/** A GraphQL error for a bad argument: code BAD_USER_INPUT, naming the argument. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: "BAD_USER_INPUT", argument } });
}

/** Thrown when a filter names a value the table does not know (the caller may refresh and retry once). */
export class UnknownValueError extends Error {
  constructor(
    readonly argument: string,
    readonly value: string,
    readonly allowed: readonly string[],
    readonly what: string,
  ) {
    super(`unknown ${what} ${JSON.stringify(value)}`);
  }

  toGraphQL(): GraphQLError {
    return badInput(this.argument, `unknown ${this.what} ${JSON.stringify(this.value)}; expected one of: ${this.allowed.join(", ")}`);
  }
}

/** An ISO date from a `Date` scalar value (UTC midnight) or a string; day number. */
export function dayOf(argument: string, v: Date | string): number {
  const iso = typeof v === "string" ? v : Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  try {
    return isoToDayNumber(iso);
  } catch {
    throw badInput(argument, `expected a date YYYY-MM-DD, got ${JSON.stringify(String(v))}`);
  }
}

function lookup(t: CycleTable, argument: string, values: string[] | null | undefined, index: Map<string, number>, allowed: string[], what: string): Uint8Array | null {
  if (!values || values.length === 0) return null;
  const ok = new Uint8Array(Math.max(allowed.length, 1));
  for (const v of values) {
    const i = index.get(v);
    if (i === undefined) throw new UnknownValueError(argument, v, allowed, what);
    ok[i] = 1;
  }
  return ok;
}

/**
 * Resolves a filter against a table. `prefix` names the argument in messages (`filter`, `a`,
 * `cohort`, ...). Unknown values raise UnknownValueError; a period that ends before it starts
 * raises BAD_USER_INPUT.
 */
export function compileFilter(t: CycleTable, prefix: string, f: MetricFilterValue | null | undefined): CompiledFilter {
  const stageOk = lookup(t, `${prefix}.stages`, f?.stages, t.stageIndex, t.stages, "stage");
  const toolOk = lookup(t, `${prefix}.tools`, f?.tools, t.toolIndex, t.tools, "tool");
  const b = lookup(t, `${prefix}.boroughs`, f?.boroughs, t.boroughIndex, t.boroughs, "borough (GSS code)");
  const p = lookup(t, `${prefix}.practices`, f?.practices, t.practiceIndex, t.practices, "practice");
  let boroughLo = 0;
  let boroughHi = 0;
  if (b) for (let i = 0; i < b.length; i++) if (b[i]) i < 32 ? (boroughLo |= 1 << i) : (boroughHi |= 1 << (i - 32));
  let practiceMask = 0;
  if (p) for (let i = 0; i < p.length; i++) if (p[i]) practiceMask |= 1 << i;
  const fromDay = f?.submittedFrom ? dayOf(`${prefix}.submittedFrom`, f.submittedFrom) : -Infinity;
  const toDay = f?.submittedTo ? dayOf(`${prefix}.submittedTo`, f.submittedTo) : Infinity;
  if (fromDay > toDay) throw badInput(`${prefix}.submittedFrom`, "submittedFrom is after submittedTo; expected submittedFrom ≤ submittedTo");
  const empty = !stageOk && !toolOk && !b && !p && fromDay === -Infinity && toDay === Infinity;
  return { stageOk, toolOk, boroughLo, boroughHi, anyBorough: b !== null, practiceMask, anyPractice: p !== null, fromDay, toDay, empty };
}

/**
 * True when cycle row `r` passes the filter: its stage, its initiative's tool, an initiative taking
 * part in any listed borough, using any listed practice, submitted (London date) within the period.
 */
export function passes(t: CycleTable, f: CompiledFilter, r: number): boolean {
  if (t.submittedAt[r] === Infinity) return false; // a row whose cycle is gone (see cycle.store.ts)
  if (f.stageOk && !f.stageOk[t.stage[r]!]) return false;
  const i = t.init[r]!;
  if (f.toolOk && !f.toolOk[t.initTool[i]!]) return false;
  if (f.anyBorough && (t.initBoroughLo[i]! & f.boroughLo) === 0 && (t.initBoroughHi[i]! & f.boroughHi) === 0) return false;
  if (f.anyPractice && (t.initPractices[i]! & f.practiceMask) === 0) return false;
  const d = t.subDay[r]!;
  return d >= f.fromDay && d <= f.toDay;
}
