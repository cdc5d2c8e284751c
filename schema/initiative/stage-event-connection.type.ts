import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { StageEvent } from "./stage-event.type.js";

/** A page of stage events. */
@ObjectType("StageEventConnection", { simpleResolvers: true, description: "A page of stage events, in time order (Relay cursor connection; at most 100 a page)." })
export class StageEventConnection extends connectionOf(StageEvent, "StageEvent", "stage event") {}
