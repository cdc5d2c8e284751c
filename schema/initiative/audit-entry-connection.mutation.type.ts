import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { AuditEntry } from "./audit-entry.mutation.type.js";

/** A page of audit entries. */
@ObjectType("AuditEntryConnection", { simpleResolvers: true, description: "A page of the audit trail, oldest first (Relay cursor connection; at most 100 a page)." })
export class AuditEntryConnection extends connectionOf(AuditEntry, "AuditEntry", "audit entry") {}
