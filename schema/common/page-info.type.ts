import { Directive, Field, ObjectType } from "type-graphql";

/**
 * Relay page information for a connection. `@shareable`: Relay's PageInfo is defined by many
 * subgraphs, and a supergraph composes only if every definition says it may be shared.
 */
@Directive("@shareable")
@ObjectType("PageInfo", { simpleResolvers: true, description: "Where this page sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow this page: pass `endCursor` as `after` to fetch them." })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: "True when this page was fetched with `after` (items precede it). Paging is forward-only: use `first` and `after`.",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of this page; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page; pass it as `after` for the next page." })
  endCursor!: string | null;
}
