import { Field, ObjectType } from "type-graphql";
import { Feature } from "./feature.type.js";
import { SupportLevel } from "./tool.enums.js";

/** How far one tool supports one feature. */
@ObjectType("ToolFeatureSupport", { simpleResolvers: true, description: "How far a tool supports a feature, with the note and source behind the level." })
export class ToolFeatureSupport {
  @Field(() => Feature, { description: "The feature." })
  feature!: Feature;

  @Field(() => SupportLevel, { description: "FULL, PARTIAL, NONE, or UNKNOWN where no source says." })
  level!: SupportLevel;

  @Field(() => String, { nullable: true, description: "Detail behind the level." })
  note!: string | null;

  @Field(() => String, { nullable: true, description: "Where the level comes from." })
  source!: string | null;

  /** Slug of the tool (not exposed: the loader groups by it). */
  toolSlug!: string;
}
