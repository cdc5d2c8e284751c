import { Directive, Field, ObjectType } from "type-graphql";

/** An IG tool (or `manual`, the e-mail-and-documents baseline). */
@Directive('@key(fields: "slug")')
@ObjectType("Tool", {
  simpleResolvers: true,
  description: "A tool an IG process can run on (ISG, OneLondon, WEISF, iCase, e-CINS, Flowz), or `manual` (e-mail and documents), the baseline. Keyed by slug.",
})
export class Tool {
  @Field(() => String, { description: "Stable identifier, e.g. `isg`, `manual`: the key." })
  slug!: string;

  @Field(() => String, { description: "The tool's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Who makes or runs it." })
  vendor!: string | null;

  @Field(() => String, { description: "What the tool is and does." })
  description!: string;

  @Field(() => String, { nullable: true, description: "What it costs a borough, as far as known." })
  cost!: string | null;

  @Field(() => Boolean, { description: "True for the baseline that tools are compared against (`manual`)." })
  isBaseline!: boolean;

  @Field(() => String, { nullable: true, description: "Caveats, e.g. where a statement is an inference rather than a sourced fact." })
  note!: string | null;

  @Field(() => String, { description: "Where the facts about this tool come from." })
  source!: string;
}
