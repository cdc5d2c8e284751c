import { ObjectType } from "type-graphql";
import { connectionOf } from "../common/connection.type.js";
import { Tool } from "./tool.type.js";

/** A page of tools. */
@ObjectType("ToolConnection", { simpleResolvers: true, description: "A page of tools, by slug (Relay cursor connection; at most 100 a page)." })
export class ToolConnection extends connectionOf(Tool, "Tool", "tool") {}
