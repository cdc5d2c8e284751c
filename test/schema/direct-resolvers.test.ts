import "reflect-metadata";
import { graphql } from "graphql";
import { Arg, buildSchema, Ctx, Field, FieldResolver, Info, ObjectType, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { describe, expect, it } from "vitest";
import { directResolvers } from "../../schema/direct-resolvers.js";

@ObjectType("DirectProbe")
class Probe {
  @Field(() => String)
  id!: string;
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
  it("calls root/context/info handlers directly and leaves arguments and middlewares to type-graphql", async () => {
    const schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
    const direct = directResolvers([ProbeResolver]);
    expect(new Map([...direct].map(([type, fields]) => [type, [...fields.keys()].sort()]))).toEqual(
      new Map([
        ["Query", ["probe"]],
        ["DirectProbe", ["label", "where"]],
      ]),
    );
    const probeFields = direct.get("DirectProbe")!;
    expect(probeFields.get("label")!({ id: "p7" }, {}, { prefix: "x-" }, {} as never)).toBe("x-p7");
    expect(probeFields.get("where")!({ id: "p7" }, {}, { prefix: "y-" }, { fieldName: "where" } as never)).toBe("where:y-p7");
    expect(direct.get("Query")!.get("probe")!(undefined, {}, {}, {} as never)).toEqual({ id: "p1" });

    // The same answers through type-graphql's own handlers.
    const answer = await graphql({ schema, source: '{ probe { id label where } echo(text: "hi") guarded }', contextValue: { prefix: "x-" } });
    expect(answer).toEqual({ data: { probe: { id: "p1", label: "x-p1", where: "where:x-p1" }, echo: "hi", guarded: "guarded" } });
    expect(calls).toEqual(["middleware"]);
  });

  it("finds nothing for classes it is not given", async () => {
    await buildSchema({ resolvers: [ProbeResolver], validate: false });
    expect(directResolvers([]).size).toBe(0);
  });
});
