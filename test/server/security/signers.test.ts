import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../../db/keys.js";
import { CAMDEN, HACKNEY, gql, securityHub } from "./fixture.js";

const ENFIELD = "E09000010";

/**
 * Signers sign for themselves (issue 12, point 3): APPROVED through GraphQL for every cell of role ×
 * signer, on an initiative Camden leads and Hackney takes part in. Each cell gets an initiative of
 * its own (submitted by an admin), so a refusal cannot hide behind an earlier cell's event.
 */
describe("who may record a borough's APPROVED", () => {
  let f: Awaited<ReturnType<typeof securityHub>>;
  let enfield: string;
  beforeAll(async () => {
    f = await securityHub();
    enfield = createApiKey(f.db, { name: "Enfield IG", role: "editor", boroughs: [ENFIELD] }).secret;
  });
  afterAll(() => f.close());

  const create = `mutation C($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`;
  const record = `mutation R($input: RecordStageEventInput!) { recordStageEvent(input: $input) { kind borough { code } recordedBy } }`;
  let n = 0;
  async function submittedInitiative(): Promise<string> {
    const id = `sign-${++n}`;
    const admin = f.keys.admin.secret;
    const c = await gql(f.hub.url, create, { key: admin, variables: { input: { id, title: "Signers", leadBorough: CAMDEN, boroughs: [CAMDEN, HACKNEY], tool: "manual", createdAt: "2024-01-01" } } });
    expect(c.json.errors).toBeUndefined();
    const s = await gql(f.hub.url, record, { key: admin, variables: { input: { initiativeId: id, stage: "DPIA", kind: "SUBMITTED", at: "2024-02-01T10:00:00Z" } } });
    expect(s.json.errors).toBeUndefined();
    return id;
  }

  const roles = () => ({ anonymous: undefined, viewer: f.keys.viewer.secret, "editor in scope (Camden)": f.keys.camden.secret, "editor out of scope (Enfield)": enfield, admin: f.keys.admin.secret });
  const signers = { "own borough (Camden)": CAMDEN, "other participating borough (Hackney)": HACKNEY, "none (initiative-wide)": null, "the out-of-scope editor's own (Enfield)": ENFIELD } as const;
  // Hand-written expectations: the answer code per role and signer (null = recorded).
  const expected: Record<string, Record<keyof typeof signers, string | null>> = {
    anonymous: { "own borough (Camden)": "FORBIDDEN", "other participating borough (Hackney)": "FORBIDDEN", "none (initiative-wide)": "FORBIDDEN", "the out-of-scope editor's own (Enfield)": "FORBIDDEN" },
    viewer: { "own borough (Camden)": "FORBIDDEN", "other participating borough (Hackney)": "FORBIDDEN", "none (initiative-wide)": "FORBIDDEN", "the out-of-scope editor's own (Enfield)": "FORBIDDEN" },
    "editor in scope (Camden)": { "own borough (Camden)": null, "other participating borough (Hackney)": "FORBIDDEN", "none (initiative-wide)": null, "the out-of-scope editor's own (Enfield)": "FORBIDDEN" },
    "editor out of scope (Enfield)": { "own borough (Camden)": "FORBIDDEN", "other participating borough (Hackney)": "FORBIDDEN", "none (initiative-wide)": "FORBIDDEN", "the out-of-scope editor's own (Enfield)": "FORBIDDEN" },
    // Enfield does not take part: the write rules refuse it for everyone, admins included.
    admin: { "own borough (Camden)": null, "other participating borough (Hackney)": null, "none (initiative-wide)": null, "the out-of-scope editor's own (Enfield)": "BAD_USER_INPUT" },
  };

  it("every cell of role × signer", async () => {
    const got: Record<string, Record<string, string | null>> = {};
    for (const [role, key] of Object.entries(roles())) {
      got[role] = {};
      for (const [name, signer] of Object.entries(signers)) {
        const id = await submittedInitiative();
        const r = await gql(f.hub.url, record, { key, variables: { input: { initiativeId: id, stage: "DPIA", kind: "APPROVED", borough: signer, at: "2024-03-01T10:00:00Z" } } });
        const stored = f.db.sql.prepare("SELECT authority_code AS signer, recorded_by AS who FROM stage_events WHERE initiative_id = ? AND kind = 'APPROVED'").all(id);
        if (r.json.errors) {
          got[role]![name] = String(r.json.errors[0]!.extensions?.code);
          expect(stored, `${role} × ${name}: refused, nothing stored`).toEqual([]);
        } else {
          got[role]![name] = null;
          const keyId = role === "admin" ? f.keys.admin.id : f.keys.camden.id;
          expect(r.json.data).toEqual({ recordStageEvent: { kind: "APPROVED", borough: signer ? { code: signer } : null, recordedBy: keyId } });
          expect(stored).toEqual([{ signer, who: keyId }]);
        }
      }
    }
    expect(got).toEqual(expected);
  });

  it("the refusal names the signer and says who may record it", async () => {
    const id = await submittedInitiative();
    const r = await gql(f.hub.url, record, { key: f.keys.camden.secret, variables: { input: { initiativeId: id, stage: "DPIA", kind: "REJECTED", borough: HACKNEY, at: "2024-03-01T10:00:00Z" } } });
    expect(r.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ["FORBIDDEN", `Your key (editor for ${CAMDEN}) may record REJECTED only for its own boroughs; ${HACKNEY} signs for itself (an admin may record it on its behalf).`],
    ]);
  });

  it("an editor in scope still records the other kinds for another participating borough (SUBMITTED, QUERY_RAISED, RESUBMITTED)", async () => {
    const id = await submittedInitiative();
    for (const [kind, at] of [["QUERY_RAISED", "2024-02-02T10:00:00Z"], ["RESUBMITTED", "2024-02-03T10:00:00Z"], ["SUBMITTED", "2024-02-04T10:00:00Z"]] as const) {
      const r = await gql(f.hub.url, record, { key: f.keys.camden.secret, variables: { input: { initiativeId: id, stage: "DPIA", kind, borough: HACKNEY, at } } });
      expect(r.json).toEqual({ data: { recordStageEvent: { kind, borough: { code: HACKNEY }, recordedBy: f.keys.camden.id } } });
    }
  });
});

/**
 * Partners and signer-less sign-offs (issue 13 step A; issue 12 point 3's loophole): on an
 * initiative Camden leads with Hackney and the partner met-police (three signing participants), a
 * partner's APPROVED is recorded by the lead borough's editors on its behalf, and an APPROVED with
 * no signer (which approves for all three at once) only by the lead borough's editors or an admin.
 */
describe("who may record a partner's APPROVED, or one without a signer", () => {
  let f: Awaited<ReturnType<typeof securityHub>>;
  let enfield: string;
  beforeAll(async () => {
    f = await securityHub();
    enfield = createApiKey(f.db, { name: "Enfield IG", role: "editor", boroughs: [ENFIELD] }).secret;
  });
  afterAll(() => f.close());

  const create = `mutation C($input: CreateInitiativeInput!) { createInitiative(input: $input) { id } }`;
  const record = `mutation R($input: RecordStageEventInput!) { recordStageEvent(input: $input) { kind organisation recordedBy } }`;
  let n = 0;
  async function submittedInitiative(partners: string[] = ["met-police"], nonSigning: string[] = []): Promise<string> {
    const id = `partner-${++n}`;
    const admin = f.keys.admin.secret;
    const c = await gql(f.hub.url, create, { key: admin, variables: { input: { id, title: "Partners", leadBorough: CAMDEN, boroughs: [CAMDEN, HACKNEY], partners, nonSigning, tool: "manual", createdAt: "2024-01-01" } } });
    expect(c.json.errors).toBeUndefined();
    const s = await gql(f.hub.url, record, { key: admin, variables: { input: { initiativeId: id, stage: "DPIA", kind: "SUBMITTED", at: "2024-02-01T10:00:00Z" } } });
    expect(s.json.errors).toBeUndefined();
    return id;
  }

  const roles = () => ({ admin: f.keys.admin.secret, "lead-borough editor (Camden)": f.keys.camden.secret, "participant editor (Hackney)": f.keys.hackney.secret, "editor out of scope (Enfield)": enfield });
  const signers = { "partner (met-police)": "met-police", "none (for all)": null, "own or other borough (Hackney)": HACKNEY } as const;
  // Hand-written expectations: the answer code per role and signer (null = recorded).
  const expected: Record<string, Record<keyof typeof signers, string | null>> = {
    admin: { "partner (met-police)": null, "none (for all)": null, "own or other borough (Hackney)": null },
    "lead-borough editor (Camden)": { "partner (met-police)": null, "none (for all)": null, "own or other borough (Hackney)": "FORBIDDEN" },
    "participant editor (Hackney)": { "partner (met-police)": "FORBIDDEN", "none (for all)": "FORBIDDEN", "own or other borough (Hackney)": null },
    "editor out of scope (Enfield)": { "partner (met-police)": "FORBIDDEN", "none (for all)": "FORBIDDEN", "own or other borough (Hackney)": "FORBIDDEN" },
  };

  it("every cell of role × signer, for DPO_REVIEWED, APPROVED and REJECTED, through recordStageEvent and recordStageEvents", async () => {
    for (const kind of ["DPO_REVIEWED", "APPROVED", "REJECTED"]) {
      for (const mutation of ["one", "list"]) {
        const got: Record<string, Record<string, string | null>> = {};
        for (const [role, key] of Object.entries(roles())) {
          got[role] = {};
          for (const [name, signer] of Object.entries(signers)) {
            const id = await submittedInitiative();
            const input = { initiativeId: id, stage: "DPIA", kind, organisation: signer, at: "2024-03-01T10:00:00Z" };
            const r =
              mutation === "one"
                ? await gql(f.hub.url, record, { key, variables: { input } })
                : await gql(f.hub.url, `mutation L($events: [RecordStageEventInput!]!) { recordStageEvents(events: $events) { kind } }`, { key, variables: { events: [input] } });
            const stored = f.db.sql.prepare("SELECT COUNT(*) FROM stage_events WHERE initiative_id = ? AND kind = ?").pluck().get(id, kind);
            got[role]![name] = r.json.errors ? String(r.json.errors[0]!.extensions?.code) : null;
            expect(stored, `${kind} ${mutation} ${role} × ${name}`).toBe(r.json.errors ? 0 : 1);
          }
        }
        expect(got, `${kind} through ${mutation}`).toEqual(expected);
      }
    }
  });

  it("an editor of the only signing participant records a signer-less APPROVED (Camden leads but, like the partner, does not sign)", async () => {
    const id = `solo-${++n}`;
    const admin = f.keys.admin.secret;
    expect((await gql(f.hub.url, create, { key: admin, variables: { input: { id, title: "Solo", leadBorough: CAMDEN, boroughs: [CAMDEN, HACKNEY], partners: ["met-police"], nonSigning: [CAMDEN, "met-police"], tool: "manual", createdAt: "2024-01-01" } } })).json.errors).toBeUndefined();
    expect((await gql(f.hub.url, record, { key: admin, variables: { input: { initiativeId: id, stage: "DPIA", kind: "SUBMITTED", at: "2024-02-01T10:00:00Z" } } })).json.errors).toBeUndefined();
    const r = await gql(f.hub.url, record, { key: f.keys.hackney.secret, variables: { input: { initiativeId: id, stage: "DPIA", kind: "APPROVED", at: "2024-03-01T10:00:00Z" } } });
    expect(r.json).toEqual({ data: { recordStageEvent: { kind: "APPROVED", organisation: null, recordedBy: f.keys.hackney.id } } });
  });

  it("the refusals say who may record the sign-off", async () => {
    const id = await submittedInitiative();
    const partner = await gql(f.hub.url, record, { key: f.keys.hackney.secret, variables: { input: { initiativeId: id, stage: "DPIA", kind: "APPROVED", organisation: "met-police", at: "2024-03-01T10:00:00Z" } } });
    expect(partner.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ["FORBIDDEN", `Your key (editor for ${HACKNEY}) may record APPROVED for the partner organisation met-police only as the lead borough of initiative ${id} (on the partner's behalf); ask the lead borough or an admin.`],
    ]);
    const none = await gql(f.hub.url, record, { key: f.keys.hackney.secret, variables: { input: { initiativeId: id, stage: "DPIA", kind: "APPROVED", at: "2024-03-01T10:00:00Z" } } });
    expect(none.json.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ["FORBIDDEN", `Your key (editor for ${HACKNEY}) may record APPROVED without a signer (for every signing participant at once) only on initiatives its borough leads; initiative ${id} has several signing participants: name the signer, or ask the lead borough or an admin.`],
    ]);
  });
});
