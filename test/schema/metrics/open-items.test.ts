import { graphql, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementRegister, compileFilter, initiativeForecast, openItems, pendingSigners, type OpenItemData } from "../../../analytics/metrics/index.js";
import { isoToDayNumber } from "../../../analytics/working-days.js";
import type { HubDb } from "../../../db/connection.js";
import { getCycleTable, signoffColumns } from "../../../db/cycles/index.js";
import { buildHubSchema } from "../../../schema/index.js";
import { E1, E2, fixtureDb } from "./metrics.fixture.js";
import { OPEN_ITEMS_FIXTURE as FIXTURE } from "./open-items.fixture.js";

/*
 * A hand-built fixture whose forecasts are worked out by hand. asOf = Wed 6 March 2024 12:00 (GMT;
 * no bank holiday between January and Easter). DPIA history on isg, in working days:
 *   A1..A5 approved after 2, 4, 4, 6, 8 (submitted Mon 8 Jan);
 *   O5 open since Wed 28 Feb: censored at 5 (E2 to sign);
 *   O3 open since Fri 1 Mar: censored at 3 (E1 to sign), a query raised on 4 Mar still open;
 *   W withdrawn on 5 Mar and X submitted on 7 Mar: neither open at asOf, neither in the history.
 * Kaplan–Meier over 2e 3c 4e 4e 5c 6e 8e (n = 7): S(2) = 6/7, S(4) = 6/7 × 3/5 = 18/35,
 * S(6) = 18/35 × 1/2 = 9/35, S(8) = 0. Historical p85 (S ≤ 0.15) = 8.
 *   O3 at age 3, S(3) = 6/7: p50 needs S ≤ 3/7 = 15/35 → 6; p85 needs S ≤ 0.9/7 → 8; p95 → 8.
 *      6 working days from Fri 1 Mar = Mon 11 Mar; 8 = Wed 13 Mar. Rank 100 × (1 − 6/7).
 *   O5 at age 5, S(5) = 18/35: p50 needs S ≤ 9/35 → 6; p85, p95 → 8. From Wed 28 Feb: 6 = Thu
 *      7 Mar, 8 = Mon 11 Mar. Rank 100 × (1 − 18/35). Items lasting beyond 5: 6 and 8 → 2.
 *   With N = 4 set: O5 (5 > 4) BREACHED; O3: P(≤ 4 | > 3) = 1 − (18/35)/(6/7) = 0.4 < 0.5 → AT_RISK.
 * Each approved stage has one borough, signed at the approval, so the signer history is the same.
 * ISA: R1..R4 approved after 3 working days each; F open since Mon 4 Mar (censored at 2).
 *   Register: R1 approved 31 Mar 2023 → due 31 Mar 2024 (+25 days, DUE_SOON); R2 approved
 *   1 Dec 2022 → due 1 Dec 2023 (−96, OVERDUE); R3 approved 15 Jan 2024 with REVIEW submitted
 *   30 Sep 2024 → RECORDED, due 30 Sep 2024 (+208, OK); R4 reviewed (REVIEW approved) on 6 Feb
 *   2023 → due 6 Feb 2024 (−29, OVERDUE).
 *   F's ISA: every draw is 3 working days → p50 = p85 = p95 = Thu 7 Mar.
 * History window (default 730 days: from London day 7 Mar 2022 on): R4's ISA (submitted 10 Jan
 *   2022) is cut, so F's ISA leg rests on R1..R3 and F: 4 items, 3 approved, 3 beyond F's age 2;
 *   with all history (0) on 5, 4, 4. A window of 58 days starts on 9 Jan 2024 and cuts A1..A5
 *   (submitted 8 Jan; 59 days keeps them): the DPIA history is O5 and O3 only (2 items, none
 *   approved) → THIN_HISTORY, rank 0 (S = 1), no historical p85 so no service level (ON_TRACK).
 */
const AS_OF = "2024-03-06T12:00:00Z";
const asOf = Date.parse(AS_OF);

let schema: GraphQLSchema;
let db: HubDb;

beforeAll(async () => {
  schema = await buildHubSchema();
  db = fixtureDb(FIXTURE);
});
afterAll(() => db.close());

async function run(source: string) {
  const r = await graphql({ schema, source, contextValue: { db, viewer: { role: "admin", keyId: "test", boroughs: [] } } });
  expect(r.errors).toBeUndefined();
  return JSON.parse(JSON.stringify(r.data)) as Record<string, any>;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`); // GMT in February and March before the 31st

/** One open item as the kernel returns it, with what the fixture shares filled in. */
function item(id: "O3" | "O5", organisation: string | null, extra: Partial<OpenItemData> = {}): OpenItemData {
  const o3 = id === "O3";
  const borough = o3 ? E1 : E2;
  return {
    initiativeId: id,
    stage: "DPIA",
    tool: "isg",
    organisation,
    submittedAt: Date.parse(o3 ? "2024-03-01T10:00:00Z" : "2024-02-28T10:00:00Z"),
    age: o3 ? 3 : 5,
    ageWorkingDays: o3 ? 3 : 5,
    state: "ON_TRACK",
    heldBy: o3 ? "PROJECT_TEAM" : "IG",
    pendingSigners: [borough],
    ageRank: o3 ? 100 * (1 - 6 / 7) : 100 * (1 - 18 / 35),
    serviceLevelDays: 8,
    serviceLevelSource: "HISTORICAL_P85",
    withinLevelProbability: 1,
    forecast: {
      p50: day(o3 ? "2024-03-11" : "2024-03-07"),
      p85: day(o3 ? "2024-03-13" : "2024-03-11"),
      p95: day(o3 ? "2024-03-13" : "2024-03-11"),
      p50WorkingDays: 6,
      p85WorkingDays: 8,
      p95WorkingDays: 8,
      basis: { items: 7, approved: 5, atRiskBeyondAge: o3 ? 5 : 2 },
      scope: "STAGE_AND_TOOL",
      reason: null,
      reasonCode: null,
    },
    ...extra,
  };
}

const close = (x: unknown): unknown =>
  typeof x === "number" && !Number.isInteger(x) ? expect.closeTo(x, 9) : Array.isArray(x) ? x.map(close) : x && typeof x === "object" ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, close(v)])) : x;

describe("openItems kernel (forecast minimum lowered to the fixture's size)", () => {
  const base = { asOf, unit: "WORKING_DAYS" as const, limit: 100, minItems: 5, minAtRisk: 2, queryOpenAt: null, historyDays: 730 };

  it("lists each open stage and its pending signer, oldest first, with the hand-computed forecasts", async () => {
    const t = await getCycleTable(db);
    const r = openItems(t, signoffColumns(db.sql, t), compileFilter(t, "filter", { stages: ["DPIA"] }), { ...base, serviceLevels: new Map() });
    expect(r.totalCount).toBe(4);
    expect(r.items).toEqual(close([item("O5", null), item("O5", E2), item("O3", null), item("O3", E1)]));
  });

  it("pendingSigners: the participants that had not signed a stage by asOf (the one place open items take them from)", async () => {
    const t = await getCycleTable(db);
    const sig = signoffColumns(db.sql, t);
    const S = t.stages.length;
    const row = (id: string, stage: string) => t.rowOf[t.initIndex.get(id)! * S + t.stages.indexOf(stage)]!;
    const codes = (id: string, stage: string, at: number) => pendingSigners(t, sig, row(id, stage), at).map((b) => t.boroughs[b]);
    expect(codes("O3", "DPIA", asOf)).toEqual([E1]);
    expect(codes("O5", "DPIA", asOf)).toEqual([E2]);
    // A1 was signed by E1 at its approval on 10 Jan 2024: pending before, not after.
    expect(codes("A1", "DPIA", Date.parse("2024-01-09T12:00:00Z"))).toEqual([E1]);
    expect(codes("A1", "DPIA", asOf)).toEqual([]);
  });

  it("forecasts from the history window: 59 days keeps A1..A5 (submitted 8 Jan), 58 cuts them", async () => {
    const t = await getCycleTable(db);
    const run = (historyDays: number) => openItems(t, signoffColumns(db.sql, t), compileFilter(t, "filter", { stages: ["DPIA"] }), { ...base, historyDays, serviceLevels: new Map() });
    expect(run(59)).toEqual(run(0));
    expect(run(59).items).toEqual(close([item("O5", null), item("O5", E2), item("O3", null), item("O3", E1)]));
    const thin = (id: "O3" | "O5", organisation: string | null) =>
      item(id, organisation, {
        ageRank: 0,
        serviceLevelDays: null,
        serviceLevelSource: null,
        withinLevelProbability: null,
        forecast: {
          p50: null,
          p85: null,
          p95: null,
          p50WorkingDays: null,
          p85WorkingDays: null,
          p95WorkingDays: null,
          basis: { items: 2, approved: 0, atRiskBeyondAge: id === "O3" ? 1 : 0 },
          scope: "STAGE",
          reason: "only 2 comparable items (at least 5 needed for a forecast)",
          reasonCode: "THIN_HISTORY",
        },
      });
    expect(run(58)).toEqual({ totalCount: 4, items: [thin("O5", null), thin("O5", E2), thin("O3", null), thin("O3", E1)] });
  });

  it("judges against a service level set as data: BREACHED past it, AT_RISK below an even chance of making it", async () => {
    const t = await getCycleTable(db);
    const r = openItems(t, signoffColumns(db.sql, t), compileFilter(t, "filter", { stages: ["DPIA"] }), { ...base, limit: 3, serviceLevels: new Map([["DPIA", 4]]) });
    const set = { serviceLevelDays: 4, serviceLevelSource: "SET" as const };
    expect(r.totalCount).toBe(4);
    expect(r.items).toEqual(
      close([
        item("O5", null, { ...set, state: "BREACHED", withinLevelProbability: 0 }),
        item("O5", E2, { ...set, state: "BREACHED", withinLevelProbability: 0 }),
        item("O3", null, { ...set, state: "AT_RISK", withinLevelProbability: 0.4 }),
      ]),
    );
  });

  it("forecasts F's ISA approval by Monte Carlo: every draw is 3 working days from Mon 4 Mar", async () => {
    const t = await getCycleTable(db);
    const mc = { asOf, target: "ISA", seed: 1, runs: 1000, minItems: 3, minAtRisk: 1, historyDays: 730 };
    const windowed = initiativeForecast(t, "F", mc);
    expect(windowed).toEqual({
      initiativeId: "F",
      target: "ISA",
      atStage: "ISA",
      waiting: false,
      p50: day("2024-03-07"),
      p85: day("2024-03-07"),
      p95: day("2024-03-07"),
      runs: 1000,
      seed: 1,
      finishedShare: 1,
      legs: [{ label: "ISA", items: 4, approved: 3, atRiskBeyondAge: 3 }],
      reason: null,
      reasonCode: null,
    });
    // All history: R4 counts too; the draws (all 3 working days) and so the dates are the same.
    expect(initiativeForecast(t, "F", { ...mc, historyDays: 0 })).toEqual({ ...windowed, legs: [{ label: "ISA", items: 5, approved: 4, atRiskBeyondAge: 4 }] });
    expect(initiativeForecast(t, "R1", mc)).toMatchObject({ reasonCode: "APPROVED", p50: null });
    expect(initiativeForecast(t, "nope", mc)).toBeNull();
  });

  it("agreement register: recorded review date, else approval + 12 months; states and the state filter", async () => {
    const t = await getCycleTable(db);
    const opts = { asOf, withinDays: 90, intervalMonths: 12, states: null, agreementStage: "ISA", reviewStage: "REVIEW" };
    const row = (initiativeId: string, approved: string, due: string, dueDate: string, source: string, daysUntilDue: number, state: string) => ({
      initiativeId,
      tool: "manual",
      boroughs: [E2],
      approvedAt: Date.parse(`${approved}T10:00:00Z`),
      reviewDue: Date.parse(due),
      reviewDueDay: isoToDayNumber(dueDate),
      source,
      daysUntilDue,
      state,
    });
    const all = [
      row("R2", "2022-12-01", "2023-12-01T00:00:00Z", "2023-12-01", "INTERVAL", -96, "OVERDUE"),
      row("R4", "2022-01-13", "2024-02-06T00:00:00Z", "2024-02-06", "INTERVAL", -29, "OVERDUE"),
      row("R1", "2023-03-31", "2024-03-31T00:00:00Z", "2024-03-31", "INTERVAL", 25, "DUE_SOON"),
      row("R3", "2024-01-15", "2024-09-29T23:00:00Z", "2024-09-30", "RECORDED", 208, "OK"),
    ];
    expect(agreementRegister(t, compileFilter(t, "filter", null), opts)).toEqual(all);
    expect(agreementRegister(t, compileFilter(t, "filter", null), { ...opts, states: ["OVERDUE", "DUE_SOON"] })).toEqual(all.slice(0, 3));
    expect(agreementRegister(t, compileFilter(t, "filter", null), { ...opts, withinDays: 10 }).map((a) => a.state)).toEqual(["OVERDUE", "OVERDUE", "OK", "OK"]);
  });
});

const OPEN_FIELDS = `totalCount items { initiativeId title stage tool organisation submittedAt age ageWorkingDays state heldBy pendingSigners ageRank
  serviceLevelDays serviceLevelSource withinLevelProbability
  forecast { p50 p85 p95 p50WorkingDays p85WorkingDays p95WorkingDays basis { items approved atRiskBeyondAge } scope reason reasonCode } }`;

describe("openItems, setServiceLevel, initiativeForecast and agreementRegister through the graph", () => {
  /** As the graph answers: 7 items are below the minimum of 20, so a reason instead of dates. */
  const graphItem = (id: "O3" | "O5", organisation: string | null, extra: Record<string, unknown> = {}) => {
    const k = item(id, organisation);
    return {
      ...k,
      title: `Initiative ${id}`,
      submittedAt: new Date(k.submittedAt).toISOString(),
      withinLevelProbability: null,
      forecast: {
        p50: null,
        p85: null,
        p95: null,
        p50WorkingDays: null,
        p85WorkingDays: null,
        p95WorkingDays: null,
        basis: k.forecast.basis,
        scope: "STAGE",
        reason: "only 7 comparable items (at least 20 needed for a forecast)",
        reasonCode: "THIN_HISTORY",
      },
      ...extra,
    };
  };

  it("answers the whole list; a past asOf reads who held each stage then from the events", async () => {
    const d = await run(`{ openItems(asOf: "${AS_OF}", filter: { stages: ["DPIA"] }) { ${OPEN_FIELDS} } }`);
    expect(d.openItems).toEqual(close({ totalCount: 4, items: [graphItem("O5", null), graphItem("O5", E2), graphItem("O3", null), graphItem("O3", E1)] }));
    // Before the query was raised on 4 Mar, IG held O3.
    const early = await run(`{ openItems(asOf: "2024-03-01T12:00:00Z", filter: { stages: ["DPIA"] }) { items { initiativeId organisation heldBy } } }`);
    expect(early.openItems.items).toEqual([
      { initiativeId: "O5", organisation: null, heldBy: "IG" },
      { initiativeId: "O5", organisation: E2, heldBy: "IG" },
      { initiativeId: "W", organisation: null, heldBy: "IG" },
      { initiativeId: "W", organisation: E1, heldBy: "IG" },
      { initiativeId: "O3", organisation: null, heldBy: "IG" },
      { initiativeId: "O3", organisation: E1, heldBy: "IG" },
    ]);
  });

  it("initiativeId lists one initiative's open stage and signers only (none for an unknown id)", async () => {
    const d = await run(`{ o3: openItems(asOf: "${AS_OF}", initiativeId: "O3") { totalCount items { initiativeId organisation heldBy } }
      none: openItems(asOf: "${AS_OF}", initiativeId: "NOPE") { totalCount items { initiativeId } } }`);
    expect(d).toEqual({
      o3: { totalCount: 2, items: [{ initiativeId: "O3", organisation: null, heldBy: "PROJECT_TEAM" }, { initiativeId: "O3", organisation: E1, heldBy: "PROJECT_TEAM" }] },
      none: { totalCount: 0, items: [] },
    });
  });

  it("setServiceLevel stores N as data; clearing it brings back the historical p85", async () => {
    const set = await run(`mutation { setServiceLevel(process: "loti-2019", stage: "DPIA", days: 4) { process stage days } }`);
    expect(set.setServiceLevel).toEqual({ process: "loti-2019", stage: "DPIA", days: 4 });
    const d = await run(`{ openItems(asOf: "${AS_OF}", filter: { stages: ["DPIA"] }, limit: 2) { totalCount items { initiativeId organisation state serviceLevelDays serviceLevelSource withinLevelProbability } } }`);
    const breached = { initiativeId: "O5", state: "BREACHED", serviceLevelDays: 4, serviceLevelSource: "SET", withinLevelProbability: 0 };
    expect(d.openItems).toEqual({ totalCount: 4, items: [{ ...breached, organisation: null }, { ...breached, organisation: E2 }] });
    const cleared = await run(`mutation { setServiceLevel(process: "loti-2019", stage: "DPIA", days: null) { days } }`);
    expect(cleared.setServiceLevel).toEqual({ days: null });
    const again = await run(`{ openItems(asOf: "${AS_OF}", filter: { stages: ["DPIA"] }, limit: 1) { items { serviceLevelDays serviceLevelSource } } }`);
    expect(again.openItems.items).toEqual([{ serviceLevelDays: 8, serviceLevelSource: "HISTORICAL_P85" }]);
  });

  it("refuses an unknown stage, a bad number of days and a bad limit (BAD_USER_INPUT naming the argument)", async () => {
    const bad = async (source: string) => {
      const r = await graphql({ schema, source, contextValue: { db, viewer: { role: "admin", keyId: "test", boroughs: [] } } });
      return r.errors?.map((e) => [e.message, e.extensions?.code]);
    };
    expect(await bad(`mutation { setServiceLevel(process: "loti-2019", stage: "NOPE", days: 4) { days } }`)).toEqual([
      ['stage: unknown stage "NOPE" of loti-2019: expected one of IDEA, CONCEPT, DPIA, ISA, REVIEW', "BAD_USER_INPUT"],
    ]);
    expect(await bad(`mutation { setServiceLevel(process: "loti-2019", stage: "DPIA", days: 0) { days } }`)).toEqual([["days: expected an integer from 1 to 1000, got 0", "BAD_USER_INPUT"]]);
    expect(await bad(`{ openItems(limit: 0) { totalCount } }`)).toEqual([["limit: expected an integer from 1 to 5000, got 0", "BAD_USER_INPUT"]]);
    expect(await bad(`{ openItems(historyDays: -1) { totalCount } }`)).toEqual([["historyDays: expected a whole number of days from 0 (all history) to 36525, got -1", "BAD_USER_INPUT"]]);
    expect(await bad(`{ initiativeForecast(id: "F", historyDays: 40000) { p50 } }`)).toEqual([["historyDays: expected a whole number of days from 0 (all history) to 36525, got 40000", "BAD_USER_INPUT"]]);
  });

  it("initiativeForecast gives a reason on thin history; agreementRegister lists live agreements by due date", async () => {
    const d = await run(`{
      f: initiativeForecast(id: "F", asOf: "${AS_OF}") { initiativeId target atStage waiting p50 p85 p95 runs seed legs { label items approved atRiskBeyondAge } reason reasonCode }
      agreementRegister(asOf: "${AS_OF}", state: [OVERDUE, DUE_SOON]) { initiativeId title tool boroughs approvedAt reviewDue source daysUntilDue state } }`);
    expect(d.f).toEqual({
      initiativeId: "F",
      target: "ISA",
      atStage: "ISA",
      waiting: false,
      p50: null,
      p85: null,
      p95: null,
      runs: 10000,
      seed: 1,
      legs: [{ label: "ISA", items: 4, approved: 3, atRiskBeyondAge: 3 }],
      reason: "only 4 comparable ISA items (at least 20 needed for a forecast)",
      reasonCode: "THIN_HISTORY",
    });
    expect(d.agreementRegister).toEqual([
      { initiativeId: "R2", title: "Initiative R2", tool: "manual", boroughs: [E2], approvedAt: "2022-12-01T10:00:00.000Z", reviewDue: "2023-12-01T00:00:00.000Z", source: "INTERVAL", daysUntilDue: -96, state: "OVERDUE" },
      { initiativeId: "R4", title: "Initiative R4", tool: "manual", boroughs: [E2], approvedAt: "2022-01-13T10:00:00.000Z", reviewDue: "2024-02-06T00:00:00.000Z", source: "INTERVAL", daysUntilDue: -29, state: "OVERDUE" },
      { initiativeId: "R1", title: "Initiative R1", tool: "manual", boroughs: [E2], approvedAt: "2023-03-31T10:00:00.000Z", reviewDue: "2024-03-31T00:00:00.000Z", source: "INTERVAL", daysUntilDue: 25, state: "DUE_SOON" },
    ]);
  });
});
