import type { EventKind } from "../../analytics/cycle.js";
import type { WorkClock } from "./calendar.js";
import { THEMES } from "./catalogue.data.js";
import type { Rng } from "./random.js";
import type { BoroughProfile, PartnerProfile } from "./world.js";

/** One generated stage event (timestamps in epoch ms). */
export interface SyntheticEvent {
  stage: string;
  borough: string | null;
  kind: EventKind;
  at: number;
  recordedAt: number;
}

/**
 * An event recorded by mistake (a sign-off keyed in with the wrong date) and retracted later: the
 * correction records the right event (it is among the stage's events) and retracts this one.
 */
export interface SyntheticMistake {
  /** The mistaken event as it was recorded. */
  event: SyntheticEvent;
  /** When the mistake was noticed: the retraction's time (epoch ms). */
  retractedAt: number;
  /** When the retraction and the corrected event were recorded (epoch ms). */
  recordedAt: number;
  reason: string;
}

/** One generated initiative with everything that belongs to it. */
export interface SyntheticInitiative {
  id: string;
  title: string;
  purpose: string;
  leadBorough: string;
  /** Participating boroughs, the lead first. */
  boroughs: string[];
  /** Partner organisations; `signs` false: an observer or processor that does not sign. */
  partners: { slug: string; signs: boolean }[];
  toolSlug: string;
  practices: string[];
  status: "ACTIVE" | "LIVE" | "WITHDRAWN" | "REJECTED";
  createdAt: string;
  recordedAt: number;
  /**
   * Events grouped by stage in process order, each group in time order: the effective log (what
   * the stage's cycle is derived from), and the mistaken events the stage's corrections retract.
   */
  stages: { stage: string; events: SyntheticEvent[]; mistakes: SyntheticMistake[] }[];
}

/** Per-stage parameters of the baseline (manual tool, no practices), in working days. */
interface StageModel {
  code: string;
  /** Median working days with IG, before borough slowness. */
  median: number;
  /** Mean number of query rounds. */
  queries: number;
  /** Median working days from the previous stage's approval to this stage's submission. */
  gap: number;
}

const STAGES: readonly StageModel[] = [
  { code: "IDEA", median: 6, queries: 0.15, gap: 0 },
  { code: "CONCEPT", median: 18, queries: 0.5, gap: 6 },
  { code: "DPIA", median: 32, queries: 1.0, gap: 12 },
  { code: "ISA", median: 26, queries: 0.7, gap: 6 },
  // The review comes round about a year after the agreement is signed.
  { code: "REVIEW", median: 10, queries: 0.2, gap: 240 },
];

/**
 * How tools change durations (IDEA excepted, which happens before a tool is involved) and query
 * rounds. The effect sizes are invented so that analytics have a time saving to find.
 */
const TOOL_EFFECT: Record<string, { duration: number; queries: number }> = {
  isg: { duration: 0.62, queries: 0.75 },
  onelondon: { duration: 0.78, queries: 0.85 },
  weisf: { duration: 0.85, queries: 0.9 },
  icase: { duration: 0.88, queries: 1 },
  ecins: { duration: 0.95, queries: 1 },
  flowz: { duration: 1, queries: 1 },
  manual: { duration: 1, queries: 1 },
};

/** How practices change each stage's duration and query rounds (missing = no effect). */
const PRACTICE_EFFECT: Record<string, Record<string, { duration: number; queries: number }>> = {
  "statement-of-intent": { CONCEPT: { duration: 0.7, queries: 0.7 }, ISA: { duration: 0.9, queries: 1 } },
  "common-dpia-template": { DPIA: { duration: 0.72, queries: 0.6 } },
  "uksa-ethics-self-assessment": { CONCEPT: { duration: 1.08, queries: 1 }, DPIA: { duration: 0.92, queries: 1 } },
  "ig-at-concept": { CONCEPT: { duration: 1.1, queries: 1 }, DPIA: { duration: 0.8, queries: 0.6 }, ISA: { duration: 0.88, queries: 0.6 } },
};

/** Relative chance of 1..12 participating boroughs: most initiatives involve few. */
const BOROUGH_COUNT_WEIGHTS = [36, 22, 13, 8, 6, 4, 3, 2.5, 2, 1.5, 1, 1];
const PARTNER_COUNT_WEIGHTS = [50, 30, 15, 5];

/**
 * Chance that a signer's DPO review (ISG's "DPO Review" before the "Senior Officer Sign Off") is
 * recorded as its own event: ISG records the step for every signer of the agreement (ISA, where
 * its mapping expects one: README, APPROVED_WITHOUT_DPO_REVIEW) and often at other stages; other
 * tools seldom do.
 */
const DPO_REVIEW_CHANCE: Record<string, number> = { isg: 0.6, onelondon: 0.3 };
const DPO_REVIEW_OTHERWISE = 0.1;
const ISG_REVIEW_STAGE = "ISA";

/** Chance that a signer's APPROVED is first keyed in with a wrong date and corrected later. */
const MISTAKE_CHANCE = 0.004;

/** Fixed inputs shared by every initiative of one generation run. */
export interface GenerationContext {
  rng: Rng;
  clock: WorkClock;
  boroughs: readonly BoroughProfile[];
  /** Partner organisations, in catalogue order. */
  partners: readonly PartnerProfile[];
  /** Clock positions of the first creation day and of "now" (nothing is generated at or after it). */
  startPos: number;
  nowPos: number;
}

function toolFor(ctx: GenerationContext, lead: BoroughProfile, createdIso: string, health: boolean): string {
  const active = lead.adoptions.filter((a) => a.from <= createdIso && (a.to === null || a.to > createdIso)).map((a) => a.tool);
  const hasIsg = active.includes("isg");
  const weight = (tool: string): number => {
    switch (tool) {
      case "isg":
        return 6;
      case "onelondon":
        return health ? 4 : 0.8;
      case "weisf":
        return 2;
      case "icase":
        return 1;
      case "ecins":
        return health ? 0.3 : 1.2;
      case "flowz":
        return 0.5;
      default:
        return hasIsg ? 1.5 : 4;
    }
  };
  return active[ctx.rng.weightedIndex(active.map(weight))]!;
}

function practicesFor(rng: Rng, createdIso: string, tool: string, years: number): string[] {
  const out: string[] = [];
  // Adoption follows the dates the practices were recommended or endorsed.
  if (rng.chance(createdIso >= "2020-10-01" ? 0.45 : 0.08)) out.push("statement-of-intent");
  if (rng.chance((createdIso >= "2020-06-01" ? 0.4 : 0.05) + (tool === "isg" ? 0.1 : 0))) out.push("common-dpia-template");
  if (rng.chance(createdIso >= "2020-03-01" ? 0.18 : 0.05)) out.push("uksa-ethics-self-assessment");
  if (rng.chance(Math.min(0.5, 0.15 + 0.05 * years))) out.push("ig-at-concept");
  return out;
}

/**
 * Draws `count` creation positions on the clock, ascending, so that initiative ids follow creation
 * order (SYN-000001 is the oldest). Creation leans towards recent years (more initiatives as the
 * practice spread).
 */
export function drawCreationPositions(ctx: GenerationContext, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = Math.floor(ctx.startPos + (ctx.nowPos - ctx.startPos) * Math.pow(ctx.rng.next(), 0.8)) + ctx.rng.next() * 0.9;
  }
  return out.sort();
}

/**
 * Generates initiative number `n` (its id is SYN-nnnnnn), created at clock position `createdPos`: participants, tool, practices and the
 * stage events of its IG process, truncated at the context's "now" so that recent initiatives have
 * open stages. Draws from `ctx.rng` in a fixed order, so the same seed gives the same initiative.
 */
export function generateInitiative(ctx: GenerationContext, n: number, createdPos: number): SyntheticInitiative {
  const { rng, clock, boroughs } = ctx;
  const id = `SYN-${String(n).padStart(6, "0")}`;
  const theme = rng.pick(THEMES);

  const createdIso = clock.isoOf(createdPos);
  const years = (createdPos - ctx.startPos) / 253;

  const count = 1 + rng.weightedIndex(BOROUGH_COUNT_WEIGHTS);
  const picked = rng.sampleWeighted(
    boroughs.map((b) => b.activity),
    count,
  );
  const members = picked.map((i) => boroughs[i]!);
  const lead = members[0]!;

  const partnerCount = rng.weightedIndex(PARTNER_COUNT_WEIGHTS);
  const partnerProfiles = rng
    .sampleWeighted(
      ctx.partners.map((p) => (p.health === theme.health ? 3 : 1)),
      partnerCount,
    )
    .map((i) => ctx.partners[i]!);
  // Most partners sign; some take part as observers (or processors) that do not.
  const partners = partnerProfiles.map((p) => ({ slug: p.slug, signs: !rng.chance(p.observerChance) }));
  // Every signing participant, boroughs first, with how slow it is to sign.
  const signing: { code: string; slowness: number }[] = [...members, ...partnerProfiles.filter((_, i) => partners[i]!.signs).map((p) => ({ code: p.slug, slowness: p.slowness }))];

  const toolSlug = toolFor(ctx, lead, createdIso, theme.health);
  const practices = practicesFor(rng, createdIso, toolSlug, years);
  const dpoReviewChance = DPO_REVIEW_CHANCE[toolSlug] ?? DPO_REVIEW_OTHERWISE;
  const isg = toolSlug === "isg";

  // Fate: ~5% withdrawn, ~3% rejected, at a stage drawn here (applies only if reached before now).
  const fateDraw = rng.next();
  const fate = fateDraw < 0.05 ? "WITHDRAWN" : fateDraw < 0.08 ? "REJECTED" : null;
  const fateStage =
    fate === "WITHDRAWN" ? STAGES[rng.weightedIndex([1, 3, 3, 2, 0])]!.code : fate === "REJECTED" ? STAGES[1 + rng.weightedIndex([1, 2, 1])]!.code : null;

  const stages: SyntheticInitiative["stages"] = [];
  let status: SyntheticInitiative["status"] = "ACTIVE";
  let submitPos = createdPos;
  const at = (pos: number) => clock.toMs(pos);
  const lag = () => rng.int(1, 240) * 60_000;

  for (const model of STAGES) {
    // At least a working day between stages, so the next submission follows every sign-off.
    if (model.code !== "IDEA") submitPos += Math.max(1, rng.logNormal(model.gap, model.code === "REVIEW" ? 0.15 : 0.5));
    if (submitPos >= ctx.nowPos) break;

    let duration = model.median * rng.logNormal(1, 0.5);
    let queryMean = model.queries;
    if (model.code !== "IDEA") {
      duration *= TOOL_EFFECT[toolSlug]!.duration;
      queryMean *= TOOL_EFFECT[toolSlug]!.queries;
    }
    for (const p of practices) {
      const effect = PRACTICE_EFFECT[p]?.[model.code];
      if (effect) {
        duration *= effect.duration;
        queryMean *= effect.queries;
      }
    }

    const events: { pos: number; borough: string | null; kind: EventKind }[] = [{ pos: submitPos, borough: null, kind: "SUBMITTED" }];
    const reviewChance = isg && model.code === ISG_REVIEW_STAGE ? 1 : dpoReviewChance;
    // The first half of the IG time is review (queries go back to the team), the second sign-off.
    const review = duration * 0.5;
    const signoff = duration * 0.5;
    const rounds = rng.poisson(queryMean);
    const cuts = Array.from({ length: rounds }, () => rng.next()).sort((x, y) => x - y);
    let teamTime = 0;
    for (const cut of cuts) {
      // Slow boroughs raise more of the queries.
      const asker = members[rng.weightedIndex(members.map((m) => m.slowness))]!;
      const raised = submitPos + review * cut + teamTime;
      const back = rng.logNormal(5, 0.7);
      events.push({ pos: raised, borough: asker.code, kind: "QUERY_RAISED" });
      events.push({ pos: raised + back, borough: null, kind: "RESUBMITTED" });
      teamTime += back;
    }
    const base = submitPos + review + teamTime;
    let approvedPos = base;
    const mode = rng.next();
    if (mode < 0.08) {
      // One pan-London sign-off on behalf of every signer.
      const mean = signing.reduce((s, m) => s + m.slowness, 0) / signing.length;
      approvedPos = base + signoff * mean * rng.logNormal(1, 0.3);
      events.push({ pos: approvedPos, borough: null, kind: "APPROVED" });
    } else {
      const partial = mode < 0.12 && signing.length > 1;
      const signers = partial ? signing.slice(0, Math.ceil(signing.length / 2)) : signing;
      for (const m of signers) {
        const pos = base + signoff * m.slowness * rng.logNormal(1, 0.35);
        // The signer's DPO gives advice part of the way to its senior officer's sign-off.
        if (rng.chance(reviewChance)) events.push({ pos: base + (pos - base) * (0.3 + 0.5 * rng.next()), borough: m.code, kind: "DPO_REVIEWED" });
        events.push({ pos, borough: m.code, kind: "APPROVED" });
        approvedPos = Math.max(approvedPos, pos);
      }
      if (partial) {
        // The rest are covered by a borough-less sign-off that closes the stage.
        approvedPos += signoff * 0.2 * rng.logNormal(1, 0.3);
        events.push({ pos: approvedPos, borough: null, kind: "APPROVED" });
      }
    }

    let ended: "WITHDRAWN" | "REJECTED" | null = null;
    let kept = events;
    if (fateStage === model.code) {
      const endPos =
        fate === "WITHDRAWN" ? submitPos + (approvedPos - submitPos) * (0.1 + 0.8 * rng.next()) : base + signoff * (0.2 + 0.6 * rng.next());
      const slowest = members.reduce((a, b) => (b.slowness > a.slowness ? b : a));
      // The rejecting borough never signs, so the stage cannot be approved before it is rejected.
      const signsOff = (e: (typeof events)[number]) => e.kind === "APPROVED" && (e.borough === null || e.borough === slowest.code);
      kept = events.filter((e) => e.pos < endPos && !(fate === "REJECTED" && signsOff(e)));
      kept.push({ pos: endPos, borough: fate === "REJECTED" ? slowest.code : null, kind: fate! });
      ended = fate;
    }

    const visible = kept.filter((e) => e.pos < ctx.nowPos).sort((x, y) => x.pos - y.pos);
    const mistakes: SyntheticMistake[] = [];
    // A few sign-offs land in the evening: "mostly" working hours.
    stages.push({
      stage: model.code,
      events: visible.map((e) => {
        let ms = at(e.pos);
        if (e.kind === "APPROVED" && rng.chance(0.03)) ms += rng.int(60, 180) * 60_000;
        const recorded = { stage: model.code, borough: e.borough, kind: e.kind, at: ms, recordedAt: ms + lag() };
        if (e.kind !== "APPROVED" || e.borough === null || !rng.chance(MISTAKE_CHANCE)) return recorded;
        // Keyed in with a date some working days too early (still after the submission), noticed
        // and corrected a few working days later: the right event is recorded then.
        const wrongPos = e.pos - rng.int(5, 25);
        const fixedPos = e.pos + rng.logNormal(5, 0.5);
        if (wrongPos <= submitPos || fixedPos >= ctx.nowPos) return recorded;
        const retractedAt = at(fixedPos);
        const recordedAt = retractedAt + lag();
        mistakes.push({ event: { ...recorded, at: at(wrongPos) }, retractedAt, recordedAt, reason: "Sign-off recorded with the wrong date; corrected" });
        return { ...recorded, recordedAt };
      }).sort((x, y) => x.at - y.at),
      mistakes,
    });
    if (ended && visible.length === kept.length) {
      status = ended;
      break;
    }
    if (approvedPos >= ctx.nowPos || ended) break;
    if (model.code === "ISA") status = "LIVE";
    submitPos = approvedPos;
  }

  return {
    id,
    title: `[Synthetic] ${theme.title} #${n}`,
    purpose: `Synthetic example: ${theme.purpose}`,
    leadBorough: lead.code,
    boroughs: members.map((m) => m.code),
    partners,
    toolSlug,
    practices,
    status,
    createdAt: createdIso,
    recordedAt: at(createdPos),
    stages,
  };
}
