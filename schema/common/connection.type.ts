import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type.js";

/** One item of a connection page and its cursor. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * The value every connection field resolves to. `totalCount` may be a Promise so that the count
 * query runs only when a client asks for it (graphql-js awaits it like any other value).
 */
export interface ConnectionValue<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/**
 * Makes the `<Name>Edge` object type and an abstract connection class for a node type (Relay
 * cursor connections); subclass it once per node type as `@ObjectType("<Name>Connection")`.
 */
export function connectionOf<T extends object>(nodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with the cursor that points at it.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this item: pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  // Each domain subclasses it with its own `@ObjectType("<Name>Connection")`; this base type is
  // never referenced by a field, so it is not emitted.
  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of this page, in the list's order." })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: "Cursors and whether more items follow." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds (all pages), with the same filters." })
    totalCount!: number;
  }

  return ConnectionType;
}
