import { GraphQLError } from "graphql";
import { historyDaysOption } from "../../analytics/metrics/index.js";
import type { HubDb } from "../../db/connection.js";
import { describeDataset } from "../../db/dataset.js";
import type { DigestData } from "../../report/digest.model.js";
import { answerMetric, badInput } from "./metric.errors.js";
import { OpenItemsService } from "./open-items.service.js";

/**
 * The weekly digest of `organisation` (a GSS code; partners' codes once partners sign) as of
 * `asOf`, for the CLI (`hub report digest`) and the graph (`digest`): the same queries as the
 * graph (`openItems`, `agreementRegister`) filtered to the initiatives it takes part in. Every open
 * item is read (at most 5000). Forecasts rest on the last `historyDays` days of history (default
 * 730, 0 = all: see openItems). An unknown organisation is BAD_USER_INPUT naming `organisation`.
 */
export async function digestData(db: HubDb, organisation: string, asOf: Date, historyDays: number | null = null): Promise<DigestData> {
  const service = new OpenItemsService(db);
  const filter = { boroughs: [organisation] };
  const days = await answerMetric(async () => historyDaysOption(historyDays));
  let open: Awaited<ReturnType<OpenItemsService["openItems"]>>;
  try {
    open = await service.openItems({ filter, asOf, limit: 5000, historyDays: days });
  } catch (err) {
    if (err instanceof GraphQLError && err.extensions.code === "BAD_USER_INPUT" && err.message.startsWith("filter.boroughs: ")) {
      throw badInput("organisation", err.message.slice("filter.boroughs: ".length));
    }
    throw err;
  }
  const waitingOnIt = open.items.filter((i) => i.organisation === organisation);
  const waitingOnOthers = open.items
    .filter((i) => i.organisation === null && i.pendingSigners.some((s) => s !== organisation))
    .map((i) => ({ ...i, pendingSigners: i.pendingSigners.filter((s) => s !== organisation) }));
  const reviewsDue = await service.agreementRegister({ filter, asOf, states: ["OVERDUE", "DUE_SOON"] });
  const dataset = describeDataset(db);
  return {
    organisation,
    asOf: asOf.getTime(),
    historyDays: days,
    dataset: { kind: dataset.kind.toLowerCase(), synthetic: dataset.synthetic },
    waitingOnIt,
    waitingOnOthers,
    reviewsDue,
  };
}
