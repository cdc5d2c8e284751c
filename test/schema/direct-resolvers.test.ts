import "reflect-metadata";
import { graphql } from "graphql";
import { Arg, Args, ArgsType, buildSchema, Ctx, Field, FieldResolver, Info, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { describe, expect, it } from "vitest";
import { directResolvers } from "../../schema/direct-resolvers.js";

@ObjectType("DirectProbe")
class Probe {
  @Field(() => String)
  id!: string;
}

@ArgsType()
class PageProbeArgs {
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType("DirectProbeFilter")
class ProbeFilter {
  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => Int, { nullable: true })
  min?: number | null;
}

@InputType("DirectProbeNested")
class NestedProbeFilter {
  @Field(() => ProbeFilter, { nullable: true })
  inner?: ProbeFilter | null;
}

@ArgsType()
class DefaultedProbeArgs {
  @Field(() => Int, { nullable: true })
  size: number = 3;
}

const calls: string[] = [];

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe)
  probe(): Probe {
    return { id: "p1" };
  }

  @Query(() => String)
  echo(@Arg("text", () => String) text: string): string {
    return text;
  }

  @Query(() => String)
  paged(@Args(() => PageProbeArgs) args: PageProbeArgs, @Arg("filter", () => ProbeFilter, { nullable: true }) filter: ProbeFilter | null): string {
    return JSON.stringify({ args, filter, argsKeys: Object.keys(args), filterKeys: filter ? Object.keys(filter) : null });
  }

  @Query(() => String)
  nested(@Arg("filter", () => NestedProbeFilter) filter: NestedProbeFilter): string {
    return JSON.stringify(filter);
  }

  @Query(() => String)
  defaulted(@Args(() => DefaultedProbeArgs) args: DefaultedProbeArgs): string {
    return String(args.size);
  }

  @Query(() => String)
  @UseMiddleware(async (_data, next) => {
    calls.push("middleware");
    return next();
  })
  guarded(): string {
    return "guarded";
  }

  @FieldResolver(() => String)
  label(@Root() probe: Probe, @Ctx() ctx: { prefix: string }): string {
    return `${ctx.prefix}${probe.id}`;
  }

  @FieldResolver(() => String)
  where(@Info() info: { fieldName: string }, @Root("id") id: string, @Ctx("prefix") prefix: string): string {
    return `${info.fieldName}:${prefix}${id}`;
  }
}

describe("directResolvers", () => {
  it("calls root/context/info and flat-argument handlers directly and leaves other arguments and middlewares to type-graphql", async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    const direct = directResolvers([ProbeResolver]);
    expect(new Map([...direct].map(([type, fields]) => [type, [...fields.keys()].sort()]))).toEqual(
      new Map([
        ["Query", ["echo", "paged", "probe"]],
        ["DirectProbe", ["label", "where"]],
      ]),
    );
    const probeFields = direct.get("DirectProbe")!;
    expect(probeFields.get("label")!({ id: "p7" }, {}, { prefix: "x-" }, {} as never)).toBe("x-p7");
    expect(probeFields.get("where")!({ id: "p7" }, {}, { prefix: "y-" }, { fieldName: "where" } as never)).toBe("where:y-p7");
    expect(direct.get("Query")!.get("probe")!(undefined, {}, {}, {} as never)).toEqual({ id: "p1" });
    expect(direct.get("Query")!.get("echo")!(undefined, { text: "hey" }, {}, {} as never)).toBe("hey");

    // Flat arguments: the handler sees what type-graphql would hand it (the given fields only).
    const pagedSource = '{ a: paged(first: 2, filter: { tags: ["x", "y"] }) b: paged(after: "c1") c: paged(filter: null) }';
    const viaTypeGraphql = await graphql({ schema, source: pagedSource });
    expect(viaTypeGraphql.errors).toBeUndefined();
    const paged = direct.get("Query")!.get("paged")!;
    expect({
      a: paged(undefined, { first: 2, filter: { tags: ["x", "y"] } }, {}, {} as never),
      b: paged(undefined, { after: "c1" }, {}, {} as never),
      c: paged(undefined, { filter: null }, {}, {} as never),
    }).toEqual(viaTypeGraphql.data);
    expect(JSON.parse((viaTypeGraphql.data as { a: string }).a)).toEqual({ args: { first: 2 }, filter: { tags: ["x", "y"] }, argsKeys: ["first"], filterKeys: ["tags"] });

    // The same answers through type-graphql's own handlers.
    const answer = await graphql({ schema, source: '{ probe { id label where } echo(text: "hi") guarded nested(filter: { inner: { min: 1 } }) defaulted }', contextValue: { prefix: "x-" } });
    expect(answer).toEqual({ data: { probe: { id: "p1", label: "x-p1", where: "where:x-p1" }, echo: "hi", guarded: "guarded", nested: '{"inner":{"min":1}}', defaulted: "3" } });
    expect(calls).toEqual(["middleware"]);
  });

  it("finds nothing for classes it is not given", async () => {
    await buildSchema({ resolvers: [ProbeResolver], validate: false });
    expect(directResolvers([]).size).toBe(0);
  });
});
