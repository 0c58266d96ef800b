// `npm run match:eval -- --offers FILE --needs FILE [--engine meili|baseline]`
// Loads labelled offers and needs into a throwaway database and index through the app's own
// tables, outbox relay and matcher, and prints {"rankings": {needId: [offerId, ...]}} on stdout.
import { parseArgs } from "node:util";
import { z } from "zod";
import { DatasetNeed, DatasetOffer, loadDataset, readDataset } from "./lib/match-dataset";
import { logToStderr, withScratchInstance } from "./lib/scratch";

const Args = z.object({
  offers: z.string({ error: "--offers FILE is required" }),
  needs: z.string({ error: "--needs FILE is required" }),
  engine: z.enum(["meili", "baseline"]).default("meili"),
});

const { values } = parseArgs({ options: { offers: { type: "string" }, needs: { type: "string" }, engine: { type: "string" } } });
const parsed = Args.safeParse(values);
if (!parsed.success) {
  logToStderr(parsed.error.issues.map((i) => i.message).join("\n"));
  process.exit(2);
}
const args = parsed.data;
const offers = readDataset(args.offers, DatasetOffer);
const needs = readDataset(args.needs, DatasetNeed);

const rankings = await withScratchInstance("eval", async () => {
  const { offerIds, needIds } = await loadDataset(offers, needs);
  const { ensureIndexes } = await import("../app/modules/search/search-indexes.server");
  const { drainOutbox, outboxLag } = await import("../app/modules/search/outbox-relay.server");
  const { matchOffersForNeed } = await import("../app/modules/matching/matches.server");
  await ensureIndexes();
  const drained = await drainOutbox();
  if ((await outboxLag()) > 0) throw new Error(`indexing failed: ${JSON.stringify(drained)}`);
  logToStderr(`indexed ${drained.upserted} documents; matching ${needs.length} needs with the ${args.engine} engine`);
  const datasetId = new Map([...offerIds].map(([file, db]) => [db, file]));
  const result: Record<string, string[]> = {};
  for (const need of needs) {
    const { items } = await matchOffersForNeed(needIds.get(need.id)!, { engine: args.engine, limit: 10 });
    result[need.id] = items.map((o) => datasetId.get(o.id)!);
  }
  return result;
});

process.stdout.write(`${JSON.stringify({ rankings })}\n`);
