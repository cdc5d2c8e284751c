import { GraphQLError, GraphQLObjectType, defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import type { HubContext, Viewer } from "../../schema/context.js";
import { matchable } from "../../db/sql.js";
import { isBoroughSigner } from "../../analytics/cycle.js";
import { SIGNERS_OF_INITIATIVE } from "../../db/cycles/cycle.maintainer.js";

/**
 * Who may do what. Pure rules over a Viewer, plus `applyAccessPolicy`, which puts them in front of
 * the resolvers of a built schema (so schema/ stays free of security code and no resolver can
 * forget a check):
 * - anonymous (when allowed) and viewer: read aggregates and non-personal fields; write nothing;
 * - editor: also writes, but only for initiatives in which one of its boroughs takes part, and
 *   sees the personal data (IG contact names and e-mails) of its own boroughs; a sign-off event
 *   (APPROVED, REJECTED) only for a signer it speaks for (`maySignFor`): one of its own boroughs,
 *   a partner organisation of an initiative its borough leads (recorded on the partner's behalf),
 *   or no signer (for all) on an initiative its borough leads or whose only signer it is;
 * - admin: everything.
 */

/** A FORBIDDEN error: the caller is known but may not do this. */
export function forbidden(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", ...extra } });
}

/** True when `viewer` may see personal data (IG contact name, e-mail) of the authority `authorityCode`. */
export function maySeePersonalData(viewer: Viewer, authorityCode: string): boolean {
  return viewer.role === "admin" || (viewer.role === "editor" && viewer.boroughs.includes(authorityCode));
}

/** True when `viewer` may write for an initiative in which `boroughsTakingPart` take part. */
export function mayWriteFor(viewer: Viewer, boroughsTakingPart: readonly string[]): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role !== "editor") return false;
  return boroughsTakingPart.some((borough) => viewer.boroughs.includes(borough));
}

/** Event kinds that are a signer's own decision: only the signer (or an admin) records them. */
export const SIGNING_KINDS: ReadonlySet<string> = new Set(["DPO_REVIEWED", "APPROVED", "REJECTED"]);

/** What `maySignFor` needs of the initiative an event belongs to. */
export interface SigningInitiative {
  /** GSS code of the lead borough. */
  lead: string;
  /** Its signing participants: GSS codes and partner slugs. */
  signers: readonly string[];
}

/**
 * True when `viewer` may record an event of `kind` naming `signer` (a borough's GSS code or a
 * partner's slug; "" or null for a signer-less event) on `initiative`. Sign-offs are the signer's
 * own: an editor records DPO_REVIEWED, APPROVED or REJECTED
 * - naming a borough: only for a borough in its scope;
 * - naming a partner organisation: only as an editor of the initiative's lead borough (partners
 *   hold no keys; the lead borough records their sign-off on their behalf, and the audit row says so);
 * - naming no signer (which approves or rejects for every signing participant at once): only as an
 *   editor of the lead borough, or when the initiative has at most one signing participant and
 *   that is one of the editor's boroughs (or none at all).
 * The other kinds (SUBMITTED, QUERY_RAISED, ...) need only the initiative scope `mayWriteFor`
 * checks. Without `initiative` (not known) a partner or signer-less sign-off is refused to editors.
 */
export function maySignFor(viewer: Viewer, kind: unknown, signer: unknown, initiative?: SigningInitiative): boolean {
  if (viewer.role === "admin") return true;
  if (typeof kind !== "string" || !SIGNING_KINDS.has(kind)) return true;
  if (viewer.role !== "editor") return false;
  const leads = initiative !== undefined && viewer.boroughs.includes(initiative.lead);
  if (typeof signer !== "string" || signer === "") {
    if (!initiative) return false;
    if (leads) return true;
    return initiative.signers.length === 0 || (initiative.signers.length === 1 && viewer.boroughs.includes(initiative.signers[0]!));
  }
  if (isBoroughSigner(signer)) return viewer.boroughs.includes(signer);
  return leads;
}

/** The kind and signer of an event a mutation's arguments carry (in `input` or at the top), if any. */
function eventSigner(args: Record<string, unknown>): { kind: unknown; signer: unknown } {
  const scopes = [args, ...Object.values(args).filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value))];
  const scope = scopes.find((sc) => sc.kind !== undefined) ?? args;
  return { kind: scope.kind, signer: scope.organisation ?? scope.borough };
}

/** An initiative's lead borough and signing participants, or undefined when there is no such initiative. */
export function signingInitiative(ctx: Pick<HubContext, "db">, initiativeId: string): SigningInitiative | undefined {
  if (!matchable(initiativeId)) return undefined;
  const lead = ctx.db.sql.prepare("SELECT lead_borough AS lead FROM initiatives WHERE id = ?").get(initiativeId) as { lead: string } | undefined;
  if (!lead) return undefined;
  const signers = ctx.db.sql.prepare(SIGNERS_OF_INITIATIVE).pluck().all(initiativeId, initiativeId) as string[];
  return { lead: lead.lead, signers };
}

/** The refusal of a sign-off the viewer may not record. */
export function signRefusal(viewer: Viewer, initiativeId: string, kind: unknown, signer: unknown): GraphQLError {
  const who = `Your key (editor for ${viewer.boroughs.join(", ")})`;
  if (typeof signer !== "string" || signer === "")
    return forbidden(
      `${who} may record ${String(kind)} without a signer (for every signing participant at once) only on initiatives its borough leads; initiative ${initiativeId} has several signing participants: name the signer, or ask the lead borough or an admin.`,
      { initiativeId, signer: null },
    );
  if (isBoroughSigner(signer))
    return forbidden(`${who} may record ${String(kind)} only for its own boroughs; ${signer} signs for itself (an admin may record it on its behalf).`, { initiativeId, signer });
  return forbidden(`${who} may record ${String(kind)} for the partner organisation ${signer} only as the lead borough of initiative ${initiativeId} (on the partner's behalf); ask the lead borough or an admin.`, { initiativeId, signer });
}

/**
 * The signer checks of retractStageEvent and correctStageEvent: taking back a sign-off is the
 * signer's as much as recording it, so the retracted event's kind and signer must pass maySignFor,
 * and so must the event a correction records (its fields default to the retracted event's).
 */
function checkEventById(viewer: Viewer, ctx: HubContext, name: string, args: Record<string, unknown>): void {
  const id = args.id;
  if (typeof id !== "string" || !/^[1-9][0-9]{0,15}$/.test(id)) return;
  const row = ctx.db.sql.prepare("SELECT initiative_id AS initiative, kind, COALESCE(authority_code, organisation_slug) AS signer FROM stage_events WHERE id = ?").get(Number(id)) as
    | { initiative: string; kind: string; signer: string | null }
    | undefined;
  if (!row) return;
  const initiative = signingInitiative(ctx, row.initiative);
  if (!maySignFor(viewer, row.kind, row.signer ?? "", initiative)) throw signRefusal(viewer, row.initiative, row.kind, row.signer);
  if (name !== "correctStageEvent") return;
  const input = (args.input ?? {}) as Record<string, unknown>;
  const given = input.organisation ?? input.borough;
  const kind = input.kind ?? row.kind;
  const signer = given === undefined || given === null ? row.signer ?? "" : given;
  if (!maySignFor(viewer, kind, signer, initiative)) throw signRefusal(viewer, row.initiative, kind, signer);
}

/** Field coordinates that hold personal data; each must exist in the schema (fail closed on renames). */
export const PERSONAL_DATA_FIELDS = ["IgContact.name", "IgContact.email"] as const;

const GUARDED = Symbol("ighub.accessPolicy");

function wrap(field: { resolve?: GraphQLFieldResolver<unknown, HubContext> }, guard: GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>, Promise<void> | void>): void {
  const inner = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, ctx, info) => {
    const checked = guard(source, args, ctx, info);
    if (checked instanceof Promise) return checked.then(() => inner(source, args, ctx, info));
    return inner(source, args, ctx, info);
  };
}

function personalDataGuard(coordinate: string): GraphQLFieldResolver<unknown, HubContext> {
  return (source, _args, ctx) => {
    const code = (source as { authorityCode?: string; authority_code?: string }).authorityCode ?? (source as { authority_code?: string }).authority_code;
    // Without the authority we cannot tell whose data it is: only an admin may see it then.
    if (ctx.viewer.role === "admin" || (code !== undefined && maySeePersonalData(ctx.viewer, code))) return;
    throw forbidden(
      `${coordinate} is personal data: only admins and editor keys of ${code ?? "the contact's borough"} may see it (your access: ${describeViewer(ctx.viewer)}).`,
      { field: coordinate },
    );
  };
}

/** One line naming the viewer's access, for error messages. */
export function describeViewer(viewer: Viewer): string {
  if (viewer.role === "editor") return `editor for ${viewer.boroughs.join(", ")}`;
  return viewer.role;
}

/**
 * Finds the initiative a mutation addresses, the initiatives of a list argument (recordStageEvents'
 * events), or the boroughs a new initiative will involve.
 */
function mutationTarget(args: Record<string, unknown>): { initiativeId?: string; initiativeIds?: string[]; boroughs: string[] } {
  for (const value of Object.values(args)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const ids = value.map((item) => (typeof item === "object" && item !== null ? (item as Record<string, unknown>).initiativeId : undefined));
    if (ids.every((id): id is string => typeof id === "string")) return { initiativeIds: [...new Set(ids)], boroughs: [] };
  }
  const scopes = [args, ...Object.values(args).filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value))];
  for (const scope of scopes) {
    const id = scope.initiativeId ?? scope.initiative;
    if (typeof id === "string") return { initiativeId: id, boroughs: [] };
  }
  const boroughs: string[] = [];
  for (const scope of scopes) {
    for (const key of ["leadBorough", "lead", "lead_borough", "borough"]) if (typeof scope[key] === "string") boroughs.push(scope[key] as string);
    for (const key of ["boroughs", "participants"]) if (Array.isArray(scope[key])) boroughs.push(...(scope[key] as unknown[]).filter((b): b is string => typeof b === "string"));
  }
  return { boroughs };
}

/** Mutations that address an initiative by `id`, and the ones that address a stage event by `id`. */
const INITIATIVE_BY_ID = new Set(["updateInitiative"]);
const EVENT_BY_ID = new Set(["retractStageEvent", "correctStageEvent"]);

/**
 * The initiative a mutation addresses by an `id` argument (its own, or its event's), or undefined
 * when it addresses none that way. An unknown event is left to the write service (BAD_USER_INPUT).
 */
async function addressedInitiative(ctx: HubContext, fieldName: string, args: Record<string, unknown>): Promise<{ initiativeId: string; boroughs: string[] } | undefined> {
  const id = args.id;
  if (typeof id !== "string") return undefined;
  const name = fieldName.slice(fieldName.lastIndexOf(".") + 1);
  if (INITIATIVE_BY_ID.has(name)) return { initiativeId: id, boroughs: [] };
  if (!EVENT_BY_ID.has(name)) return undefined;
  const row = /^[1-9][0-9]{0,15}$/.test(id) ? (ctx.db.sql.prepare("SELECT initiative_id AS id FROM stage_events WHERE id = ?").get(Number(id)) as { id: string } | undefined) : undefined;
  // An unknown event: nothing can be written; the write service answers BAD_USER_INPUT.
  return { initiativeId: row?.id ?? "", boroughs: [] };
}

/**
 * The participating boroughs of an initiative, or null when there is no such initiative. Read on
 * every call: participants are only ever added, so a check that passed stays true for the write.
 */
export async function initiativeBoroughs(ctx: HubContext, initiativeId: string): Promise<string[] | null> {
  if (!matchable(initiativeId)) return null;
  const rows = ctx.db.sql.prepare("SELECT authority_code AS code FROM initiative_boroughs WHERE initiative_id = ?").all(initiativeId) as { code: string }[];
  if (rows.length > 0) return rows.map((r) => r.code);
  const exists = ctx.db.sql.prepare("SELECT 1 FROM initiatives WHERE id = ?").get(initiativeId);
  return exists ? [] : null;
}

function mutationGuard(fieldName: string): GraphQLFieldResolver<unknown, HubContext, Record<string, unknown>, Promise<void>> {
  return async (_source, args, ctx) => {
    const { viewer } = ctx;
    if (viewer.role === "admin") return;
    if (viewer.role !== "editor") {
      throw forbidden(`${fieldName} writes data: it needs an editor or admin API key (your access: ${describeViewer(viewer)}).`, { requiredRole: "editor" });
    }
    const target: { initiativeId?: string; initiativeIds?: string[]; boroughs: string[] } = (await addressedInitiative(ctx, fieldName, args)) ?? mutationTarget(args);
    if (target.initiativeIds !== undefined) {
      for (const id of target.initiativeIds) {
        const taking = await initiativeBoroughs(ctx, id);
        // Unknown initiatives are the write service's to refuse (nothing of the call is written then).
        if (taking === null || mayWriteFor(viewer, taking)) continue;
        throw forbidden(`Your key (editor for ${viewer.boroughs.join(", ")}) may write only for initiatives in which one of its boroughs takes part; initiative ${id} involves ${taking.join(", ") || "no borough"}.`, { initiativeId: id });
      }
      // Each event of the list passes the same signer check as recordStageEvent's.
      for (const value of Object.values(args)) {
        if (!Array.isArray(value)) continue;
        for (const item of value as Record<string, unknown>[]) {
          if (typeof item !== "object" || item === null || typeof item.initiativeId !== "string") continue;
          const signer = item.organisation ?? item.borough;
          if (maySignFor(viewer, item.kind, signer, signingInitiative(ctx, item.initiativeId))) continue;
          throw signRefusal(viewer, item.initiativeId, item.kind, signer);
        }
      }
      return;
    }
    if (target.initiativeId !== undefined) {
      const taking = await initiativeBoroughs(ctx, target.initiativeId);
      // An unknown initiative: let the write service answer NOT_FOUND / BAD_USER_INPUT; nothing can be written.
      if (taking === null) return;
      if (mayWriteFor(viewer, taking)) {
        const name = fieldName.slice(fieldName.lastIndexOf(".") + 1);
        if (EVENT_BY_ID.has(name)) {
          checkEventById(viewer, ctx, name, args);
          return;
        }
        const { kind, signer } = eventSigner(args);
        if (maySignFor(viewer, kind, signer, signingInitiative(ctx, target.initiativeId))) return;
        throw signRefusal(viewer, target.initiativeId, kind, signer);
      }
      throw forbidden(
        `Your key (editor for ${viewer.boroughs.join(", ")}) may write only for initiatives in which one of its boroughs takes part; initiative ${target.initiativeId} involves ${taking.join(", ") || "no borough"}.`,
        { initiativeId: target.initiativeId },
      );
    }
    if (target.boroughs.length > 0 && mayWriteFor(viewer, target.boroughs)) return;
    if (target.boroughs.length > 0) {
      throw forbidden(`Your key (editor for ${viewer.boroughs.join(", ")}) may create only initiatives in which one of its boroughs takes part; this one involves ${[...new Set(target.boroughs)].join(", ")}.`);
    }
    // Fail closed: a mutation whose target we cannot tell is for admins only.
    throw forbidden(`${fieldName} needs an admin API key (editor keys write only for initiatives of their boroughs).`, { requiredRole: "admin" });
  };
}

/**
 * Puts the access rules in front of a built schema's resolvers, in place, and returns the schema.
 * Every Mutation field requires an editor in scope (or an admin); every personal-data field
 * (PERSONAL_DATA_FIELDS, and any field with `extensions.personalData`) resolves to null with a
 * FORBIDDEN error for anyone else, without reading the value; the audit trail of API keys is
 * for admins. Throws if a listed personal-data field is missing, so renaming one cannot silently
 * drop its protection. Idempotent.
 */
export function applyAccessPolicy(schema: GraphQLSchema): GraphQLSchema {
  if ((schema as unknown as Record<symbol, boolean>)[GUARDED]) return schema;
  for (const coordinate of PERSONAL_DATA_FIELDS) {
    const [typeName, fieldName] = coordinate.split(".") as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !type.getFields()[fieldName]) throw new Error(`access policy: personal-data field ${coordinate} is not in the schema; update PERSONAL_DATA_FIELDS`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if ((PERSONAL_DATA_FIELDS as readonly string[]).includes(coordinate) || field.extensions?.personalData === true) {
        wrap(field as never, personalDataGuard(coordinate) as never);
      }
    }
  }
  // The audit trail of API keys names who holds which key: admins only.
  const auditLog = schema.getQueryType()?.getFields().auditLog;
  if (auditLog) {
    wrap(auditLog as never, ((_s: unknown, args: Record<string, unknown>, ctx: HubContext) => {
      if (args.entityType === "api_key" && ctx.viewer.role !== "admin") throw forbidden(`The audit trail of API keys is for admin keys only (your access: ${describeViewer(ctx.viewer)}).`);
    }) as never);
  }
  const mutation = schema.getMutationType();
  if (mutation) for (const field of Object.values(mutation.getFields())) wrap(field as never, mutationGuard(`Mutation.${field.name}`) as never);
  Object.defineProperty(schema, GUARDED, { value: true });
  return schema;
}
