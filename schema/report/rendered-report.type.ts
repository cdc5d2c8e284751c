import { Field, Float, Int, ObjectType } from "type-graphql";
import { ReportFormat } from "./report-format.enum.js";

/** A report rendered for publication, with the figures it states. */
@ObjectType("RenderedReport", { description: "A report rendered as Markdown, HTML or CSV, with its headline figures alongside (the same numbers the `timeSaved` query gives)." })
export class RenderedReport {
  @Field(() => ReportFormat, { description: "The form of `content`." })
  format!: ReportFormat;

  @Field(() => String, { description: "Media type of `content`, e.g. `text/markdown; charset=utf-8`." })
  mediaType!: string;

  @Field(() => String, { description: "A file name for saving `content`, e.g. `time-saved-tool-isg-vs-tool-manual.md`." })
  filename!: string;

  @Field(() => String, { description: "The rendered report." })
  content!: string;

  @Field(() => Boolean, { description: "True when the report was made from synthetic data (the report says so too)." })
  synthetic!: boolean;

  @Field(() => Float, { nullable: true, description: "Total time saved in working days over the stages that support a number; null when none does (see `reason`)." })
  total!: number | null;

  @Field(() => Float, { nullable: true, description: "Lower end of the total's 95% bootstrap interval (working days)." })
  totalLow!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper end of the total's 95% bootstrap interval (working days)." })
  totalHigh!: number | null;

  @Field(() => Int, { description: "Stages with enough approved stages on both sides (at least 10) to count." })
  stagesCounted!: number;

  @Field(() => String, { nullable: true, description: "Why there is no total, when there is none." })
  reason!: string | null;

  @Field(() => String, { description: "The instant open stages were censored at (RFC 3339)." })
  asOf!: string;
}
