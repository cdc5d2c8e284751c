import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { Borough } from "./borough.type.js";

/** A page of boroughs. */
@ObjectType("BoroughConnection", { simpleResolvers: true, description: "A page of boroughs, by GSS code (Relay cursor connection; at most 100 a page)." })
export class BoroughConnection extends connectionOf(Borough, "Borough", "borough") {}
