import { Field, ObjectType } from "type-graphql";

/** A version of the IG process (its stages are data). */
@ObjectType("Process", {
  simpleResolvers: true,
  description: "A definition of the IG process: its stages in order. `loti-2019` (five stages) is the default; other frameworks load as data.",
})
export class Process {
  @Field(() => String, { description: "Stable identifier, e.g. `loti-2019`." })
  slug!: string;

  @Field(() => String, { description: "The process's name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Where the process is defined." })
  source!: string | null;

  @Field(() => Boolean, { description: "True for the process new initiatives follow unless told otherwise." })
  isDefault!: boolean;
}
