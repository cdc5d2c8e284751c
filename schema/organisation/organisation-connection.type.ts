import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { Organisation } from "./organisation.type.js";

/** A page of organisations. */
@ObjectType("OrganisationConnection", { simpleResolvers: true, description: "A page of organisations, by slug (Relay cursor connection; at most 100 a page)." })
export class OrganisationConnection extends connectionOf(Organisation, "Organisation", "organisation") {}
