import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../scalars.js";

/** Where a run came from. */
export enum IngestRunSource {
  IMPORT = "import",
  SYNC = "sync",
  INGEST = "ingest",
}
registerEnumType(IngestRunSource, {
  name: "IngestRunSource",
  description: "How data came in.",
  valuesConfig: {
    IMPORT: { description: "`hub import`: canonical files, or a tool's export through a mapping." },
    SYNC: { description: "`hub sync`: read from a tool's API (iCasework)." },
    INGEST: { description: "`POST /ingest`: pushed over HTTP by a script or flow." },
  },
});

@ObjectType("IngestWarning", { simpleResolvers: true, description: "Something that came in and was written but looks wrong: not an error, worth a look." })
export class IngestWarning {
  @Field(() => String, { description: "Stable code: FUTURE_DATE, APPROVED_WITHOUT_DPO_REVIEW or REVIEW_DATE_PASSED." })
  code!: string;

  @Field(() => String, { description: "The initiative it concerns." })
  initiativeId!: string;

  @Field(() => String, { description: "The stage it concerns." })
  stage!: string;

  @Field(() => String, { description: "What looks wrong and what was expected." })
  message!: string;
}

@ObjectType("IngestRun", { simpleResolvers: true, description: "One import, sync or HTTP push and what came of it: the data-quality view of what came in. Counts and warnings only, never the records. Dry runs are not kept." })
export class IngestRun {
  @Field(() => Int, { description: "The run's number, in the order runs ended." })
  id!: number;

  @Field(() => DateTimeScalar, { description: "When the run ended." })
  at!: Date;

  @Field(() => IngestRunSource, { description: "How the data came in." })
  source!: IngestRunSource;

  @Field(() => String, { description: "What was read: file names, a preset and file (`isg:flows.csv`), an iCasework host." })
  label!: string;

  @Field(() => String, { description: "Who ran it: an API key id, or `import:<files>` / `sync:icasework:<host>` for the command line. Never a person's name." })
  actor!: string;

  @Field(() => Boolean, { description: "True when written; false when refused (nothing written; see errors)." })
  committed!: boolean;

  @Field(() => Int, { description: "Initiatives created." })
  initiativesAdded!: number;

  @Field(() => Int, { description: "Events added (retractions of corrections included)." })
  eventsAdded!: number;

  @Field(() => Int, { description: "Records (initiatives and events) skipped as already stored as sent." })
  skipped!: number;

  @Field(() => Int, { description: "Corrections applied: events the run retracted." })
  corrections!: number;

  @Field(() => Int, { description: "Errors that refused the run (0 when committed)." })
  errors!: number;

  @Field(() => Int, { description: "Warnings in all (`warningList` holds the first 50 of each code)." })
  warnings!: number;

  @Field(() => [IngestWarning], { description: "The warnings kept, by code, then initiative, stage and date." })
  warningList!: IngestWarning[];
}
