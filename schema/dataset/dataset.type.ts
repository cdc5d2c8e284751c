import { Field, ObjectType, registerEnumType } from "type-graphql";

/** What a database holds. */
export enum DatasetKind {
  EMPTY = "EMPTY",
  DEMO = "DEMO",
  LARGE = "LARGE",
  IMPORTED = "IMPORTED",
}
registerEnumType(DatasetKind, {
  name: "DatasetKind",
  description: "What data the hub holds.",
  valuesConfig: {
    EMPTY: { description: "Reference data only: no initiatives yet." },
    DEMO: { description: "The synthetic demo data set (a few hundred initiatives): not real." },
    LARGE: { description: "The large synthetic data set for benchmarks: not real." },
    IMPORTED: { description: "Data imported from IG tools or recorded by hand." },
  },
});

/** Whether the data is real or synthetic. */
@ObjectType("Dataset", { simpleResolvers: true, description: "What data this hub holds, and whether it is synthetic. Responses also carry `extensions.dataset` when it is." })
export class Dataset {
  @Field(() => DatasetKind, { description: "Empty, synthetic demo, synthetic large, or imported." })
  kind!: DatasetKind;

  @Field(() => Boolean, { description: "True when the initiatives and events are synthetic (generated, not real): never quote figures from them as facts." })
  synthetic!: boolean;

  @Field(() => String, { description: "A sentence saying what the data is." })
  description!: string;
}
