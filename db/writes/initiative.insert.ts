import type { Dialect, SqlConn } from "../driver/index.js";
import type { AuditTrail } from "./audit.js";
import type { InitiativeRecord } from "./write.records.js";
import { newInitiativeRows, type NewInitiativeRows, type WriteStatements } from "./write.statements.js";

/**
 * Writes a session's validated initiatives and participants: a new initiative with its boroughs,
 * partners (created when unknown) and practices, or the participants added to a stored one, and
 * the audit row of each. A bulk session buffers the rows of new initiatives into multi-row
 * INSERTs; {@link flush} writes them before anything reads or refers to them.
 */
export class InitiativeInserter {
  /** A bulk session's buffered rows of new initiatives (null otherwise). */
  private readonly newRows: NewInitiativeRows | null;

  constructor(
    conn: SqlConn,
    dialect: Dialect,
    private readonly stmt: WriteStatements,
    /** Partner organisations stored, and created in this session. */
    private readonly organisations: Set<string>,
    private readonly actor: string,
    private readonly audit: AuditTrail,
    bulk: boolean,
  ) {
    this.newRows = bulk ? newInitiativeRows(conn, dialect) : null;
  }

  /** Writes a new initiative (its id checked unused) following `process`, with its first status. */
  create(id: string, rec: InitiativeRecord, process: string, status: string, at: number): void {
    const actor = this.actor;
    const boroughs = rec.boroughs;
    const nonSigning = new Set(rec.nonSigning ?? []);
    const signs = (code: string) => (nonSigning.has(code) ? 0 : 1);
    const detail = JSON.stringify({ title: rec.title, leadBorough: rec.lead_borough, boroughs, partners: rec.partners, tool: rec.tool, practices: rec.practices, status: rec.status || null, createdAt: rec.created_at, ...(nonSigning.size > 0 ? { nonSigning: [...nonSigning] } : {}), ...(rec.joined?.length ? { joined: rec.joined } : {}), ...(rec.left?.length ? { left: rec.left } : {}) });
    const r = this.newRows;
    if (r) {
      r.initiatives.add(id, rec.title, rec.purpose ?? null, rec.lead_borough, rec.tool, process, status, rec.created_at, 0, at, actor);
      for (const b of boroughs) r.boroughs.add(id, b, b === rec.lead_borough ? "LEAD" : "PARTICIPANT", signs(b));
      for (const p of rec.partners) {
        this.ensureOrganisation(p, rec.partnerNames?.[p]);
        r.partners.add(id, p, "PARTNER", signs(p));
      }
      for (const p of rec.practices) r.practices.add(id, p);
    } else {
      this.stmt.insertInitiative.run(id, rec.title, rec.purpose ?? null, rec.lead_borough, rec.tool, process, status, rec.created_at, at, actor);
      for (const b of boroughs) this.stmt.insertBorough.run(id, b, b === rec.lead_borough ? "LEAD" : "PARTICIPANT", signs(b));
      for (const p of rec.partners) {
        this.ensureOrganisation(p, rec.partnerNames?.[p]);
        this.stmt.insertPartner.run(id, p, signs(p));
      }
      for (const p of rec.practices) this.stmt.insertPractice.run(id, p);
    }
    this.audit.initiativeCreated(at, id, detail);
  }

  /**
   * Adds to a stored initiative the boroughs (not in `participants`, which gains them) and
   * partners it does not have yet (those in `nonSigning` as participants that do not sign), audits
   * them, and returns those added.
   */
  addParticipants(
    initiativeId: string,
    participants: Set<string>,
    boroughs: string[],
    partners: string[],
    at: number,
    partnerNames?: Record<string, string>,
    nonSigning: ReadonlySet<string> = new Set(),
    joinedAt: number | null = null,
  ): { boroughs: string[]; partners: string[] } {
    const storedPartners = new Set(this.stmt.initiativePartners.all(initiativeId).map((r) => r.slug));
    const addedB: string[] = [];
    const addedP: string[] = [];
    for (const b of new Set(boroughs)) {
      if (participants.has(b)) continue;
      this.stmt.insertBorough.run(initiativeId, b, "PARTICIPANT", nonSigning.has(b) ? 0 : 1);
      participants.add(b);
      addedB.push(b);
    }
    for (const p of new Set(partners)) {
      if (storedPartners.has(p)) continue;
      this.ensureOrganisation(p, partnerNames?.[p]);
      this.stmt.insertPartner.run(initiativeId, p, nonSigning.has(p) ? 0 : 1);
      addedP.push(p);
    }
    if (addedB.length + addedP.length > 0) this.audit.participantsAdded(at, initiativeId, addedB, addedP, joinedAt);
    return { boroughs: addedB, partners: addedP };
  }

  private ensureOrganisation(slug: string, name: string | undefined): void {
    if (this.organisations.has(slug)) return;
    this.stmt.insertOrganisation.run(slug, name ?? slug);
    this.organisations.add(slug);
  }

  /** Writes the buffered rows of new initiatives (audit rows last, so audit ids keep the order of events). */
  flush(): void {
    const r = this.newRows;
    if (!r) return;
    r.initiatives.flush();
    r.boroughs.flush();
    r.partners.flush();
    r.practices.flush();
    this.audit.flush();
  }
}
