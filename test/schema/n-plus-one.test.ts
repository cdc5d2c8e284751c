import { describe, expect, it } from "vitest";
import { NestedSignOffsDocument } from "../../gql/graphql.js";
import { fixtureDb } from "./fixture.js";
import { hubSchema, run } from "./run.js";

/**
 * Runs the nested dashboard query (boroughs → initiatives → stage summaries → sign-offs →
 * borough) on a database of `n` initiatives and returns the SQL statements it executed.
 */
async function statementsFor(n: number) {
  await hubSchema();
  const statements: string[] = [];
  let counting = false;
  const db = fixtureDb(n, (sql) => counting && statements.push(sql));
  try {
    counting = true;
    const r = await run(db, NestedSignOffsDocument, { boroughs: 6, initiatives: 10 });
    counting = false;
    expect(r.errors).toBeUndefined();
    return { statements, data: r.data };
  } finally {
    db.close();
  }
}

describe("nested query without N+1", () => {
  it("executes the same number of SQL statements on 12 and on 600 initiatives", async () => {
    const small = await statementsFor(12);
    const large = await statementsFor(600);
    const initiativesSeen = (d: any) => d.boroughs.edges.reduce((n: number, b: any) => n + b.node.initiatives.edges.length, 0);
    // 6 boroughs × 4 of 12 (small) and 6 × 10 (large, page-limited): more rows, same statements.
    expect(initiativesSeen(small.data)).toBe(24);
    expect(initiativesSeen(large.data)).toBe(60);
    expect(large.statements.length).toBe(small.statements.length);
    // One statement per level and loader, not per parent: the boroughs page, the initiative pages
    // (one UNION ALL), their counts, the borough lookups (leads, sign-offs and pending boroughs
    // together), tools, process stages, stage cycles, sign-offs and participants.
    expect(small.statements.length).toBe(9);
  });

  it("returns the sign-offs the fixture defines", async () => {
    const { data } = await statementsFor(12);
    const fx1 = data.boroughs.edges.flatMap((b: any) => b.node.initiatives.edges).find((e: any) => e.node.id === "FX-0001").node;
    expect(fx1.stageSummaries.map((s: any) => [s.stage.code, s.status])).toEqual([
      ["IDEA", "APPROVED"],
      ["CONCEPT", "OPEN"],
      ["DPIA", "NOT_STARTED"],
      ["ISA", "NOT_STARTED"],
      ["REVIEW", "NOT_STARTED"],
    ]);
    expect(fx1.stageSummaries[0].signOffs).toEqual([
      { approvedAt: "2024-01-03T00:00:00.000Z", borough: { code: "E09000002" } },
      { approvedAt: "2024-01-03T00:00:00.000Z", borough: { code: "E09000003" } },
    ]);
    expect(fx1.stageSummaries[1].signOffs).toEqual([{ approvedAt: "2024-01-07T00:00:00.000Z", borough: { code: "E09000002" } }]);
    expect(fx1.stageSummaries[1].pendingBoroughs).toEqual([{ code: "E09000003" }]);
  });

  it("reads a page's stage summaries and its parents' nested pages once per level, however many rows", async () => {
    await hubSchema();
    const query = `{ initiatives(first: 50) { edges { node { id stageSummaries { stage { code } status rounds } } } }
      tools(first: 20) { edges { node { slug initiatives(first: 3) { totalCount edges { node { id stageSummaries { status } } } } } } } }`;
    const counted = async (n: number) => {
      const statements: string[] = [];
      let counting = false;
      const db = fixtureDb(n, (sql) => counting && statements.push(sql));
      try {
        counting = true;
        const r = await run(db, query);
        counting = false;
        expect(r.errors).toBeUndefined();
        return { statements, data: r.data };
      } finally {
        db.close();
      }
    };
    const small = await counted(12);
    const large = await counted(600);
    expect(large.data.initiatives.edges).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    // The two root pages, the tools' initiative pages (one UNION ALL) and their counts, the process
    // stages once for both levels, and the stage cycles once per level of initiatives (per list
    // field of the document, never per row; the DataLoaders merged these two lists' cycles, 6).
    expect(small.statements.length).toBe(7);
    expect(small.statements.filter((sql) => /FROM process_stages/.test(sql))).toHaveLength(1);
  });

  it("gives an initiative looked up by id (through the loaders) the same stage summaries as one in a page (its level)", async () => {
    await hubSchema();
    const db = fixtureDb(12);
    try {
      const fields = "id stageSummaries { stage { code } status submittedAt approvedAt endedAt rounds signOffs { approvedAt borough { code } } pendingBoroughs { code } }";
      const paged = await run(db, `{ initiatives(first: 12) { edges { node { ${fields} } } } }`);
      const one = await run(db, `{ initiative(id: "FX-0001") { ${fields} } }`);
      expect(paged.errors).toBeUndefined();
      expect(one.errors).toBeUndefined();
      expect(one.data.initiative).toEqual(paged.data.initiatives.edges.find((e: any) => e.node.id === "FX-0001").node);
      expect(one.data.initiative.stageSummaries.map((s: any) => s.status)).toEqual(["APPROVED", "OPEN", "NOT_STARTED", "NOT_STARTED", "NOT_STARTED"]);
    } finally {
      db.close();
    }
  });
});
