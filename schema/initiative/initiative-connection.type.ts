import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { Initiative } from "./initiative.type.js";

/** A page of initiatives. */
@ObjectType("InitiativeConnection", { simpleResolvers: true, description: "A page of initiatives, by id (Relay cursor connection; at most 100 a page)." })
export class InitiativeConnection extends connectionOf(Initiative, "Initiative", "initiative") {}
