import { registerEnumType } from "type-graphql";

/** How durations are measured (DESIGN.md, "Metric definitions"). */
export enum DurationUnit {
  CALENDAR_DAYS = "CALENDAR_DAYS",
  WORKING_DAYS = "WORKING_DAYS",
}
registerEnumType(DurationUnit, {
  name: "DurationUnit",
  description: "How a duration is measured.",
  valuesConfig: {
    CALENDAR_DAYS: { description: "Exact elapsed time / 24 h (fractional)." },
    WORKING_DAYS: {
      description:
        "England & Wales working days d with submitted date < d ≤ end date (London dates; weekends and bank holidays excluded, one-off holidays included, from the date-holidays library). Submitted Friday, approved Monday = 1.",
    },
  },
});

/** What a metric can be grouped by. */
export enum MetricDimension {
  STAGE = "STAGE",
  TOOL = "TOOL",
  BOROUGH = "BOROUGH",
  ORGANISATION = "ORGANISATION",
  LEAD_BOROUGH = "LEAD_BOROUGH",
  PRACTICE = "PRACTICE",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
  YEAR = "YEAR",
}
registerEnumType(MetricDimension, {
  name: "MetricDimension",
  description: "A dimension to group metrics by. At most one of MONTH, QUARTER, YEAR per query.",
  valuesConfig: {
    STAGE: { description: "The IG stage (IDEA, CONCEPT, DPIA, ISA, REVIEW)." },
    TOOL: { description: "The tool the initiative's IG ran on." },
    BOROUGH: { description: "Every participating borough: a stage counts in the group of each borough taking part." },
    ORGANISATION: {
      description:
        "Every participating organisation, signing or not: London boroughs (as BOROUGH) and partner organisations (NHS trusts, the police, ...); a stage counts in the group of each. Boroughs come first (by GSS code), then partners (by slug).",
    },
    LEAD_BOROUGH: { description: "The initiative's lead borough only." },
    PRACTICE: { description: "Each practice the initiative used (a stage counts once per practice); initiatives with none form a group with practice null." },
    MONTH: { description: "Month of the stage's submission (London date), period 'YYYY-MM'." },
    QUARTER: { description: "Calendar quarter of submission, period 'YYYY-Qn'." },
    YEAR: { description: "Year of submission, period 'YYYY'." },
  },
});

/** The interval of a flow series. */
export enum FlowInterval {
  WEEK = "WEEK",
  MONTH = "MONTH",
  QUARTER = "QUARTER",
}
registerEnumType(FlowInterval, {
  name: "FlowInterval",
  description: "The reporting interval of a flow series (calendar-aligned, London dates).",
  valuesConfig: {
    WEEK: { description: "ISO weeks, Monday to Sunday, labelled 'YYYY-Www'." },
    MONTH: { description: "Calendar months, labelled 'YYYY-MM'." },
    QUARTER: { description: "Calendar quarters, labelled 'YYYY-Qn'." },
  },
});
