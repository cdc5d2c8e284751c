import { registerEnumType } from "type-graphql";

/** How far a tool supports a feature. */
export enum SupportLevel {
  FULL = "FULL",
  PARTIAL = "PARTIAL",
  NONE = "NONE",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(SupportLevel, {
  name: "SupportLevel",
  description: "How far a tool supports a feature, as its source says.",
  valuesConfig: {
    FULL: { description: "The feature is supported." },
    PARTIAL: { description: "Supported in part or with workarounds (see the note)." },
    NONE: { description: "A source says it is not supported." },
    UNKNOWN: { description: "No source found either way." },
  },
});
