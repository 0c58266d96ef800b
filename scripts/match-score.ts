// `npm run match:score [-- --offers FILE --needs FILE] [--rankings FILE | --engine meili|baseline|both]`
// Scores rankings against the labels: nDCG@5 (gain 2^rel − 1; inactive offers count 0), top-1
// precision, and for needs with no relevant offer whether the list was empty. Without --rankings
// it runs match:eval itself (both engines by default). Defaults to shared/data/match-dev.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DatasetNeed, DatasetOffer, readDataset } from "./lib/match-dataset";
import { scoreRankings } from "./lib/match-metrics";

const devSet = path.resolve(process.env.LINLI_MATCH_DATA ?? "../shared/data/match-dev");
const { values } = parseArgs({
  options: { offers: { type: "string" }, needs: { type: "string" }, rankings: { type: "string" }, engine: { type: "string" } },
});
const offersFile = values.offers ?? path.join(devSet, "offers.json");
const needsFile = values.needs ?? path.join(devSet, "needs.json");
const offers = readDataset(offersFile, DatasetOffer);
const needs = readDataset(needsFile, DatasetNeed);
const Rankings = z.object({ rankings: z.record(z.string(), z.array(z.string())) });

function runEval(engine: string) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const result = spawnSync(tsx, ["scripts/match-eval.ts", "--offers", offersFile, "--needs", needsFile, "--engine", engine], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`match:eval --engine ${engine} failed (${result.status})`);
  return Rankings.parse(JSON.parse(result.stdout.trim().split("\n").pop()!)).rankings;
}

const runs: [string, Record<string, string[]>][] = values.rankings
  ? [["given", Rankings.parse(JSON.parse(fs.readFileSync(values.rankings, "utf8"))).rankings]]
  : (values.engine && values.engine !== "both" ? [values.engine] : ["meili", "baseline"]).map((engine) => [engine, runEval(engine)]);

for (const [engine, rankings] of runs) {
  const score = scoreRankings(offers, needs, rankings);
  process.stderr.write(
    `${engine}: nDCG@5 ${score.ndcg5.toFixed(3)} over ${score.judged} needs, top-1 precision ${score.top1Precision.toFixed(3)}, ` +
      `empty lists for needs without a relevant offer: ${score.emptyCorrect}/${score.emptyExpected}\n`,
  );
  for (const miss of score.worst.slice(0, 8))
    process.stderr.write(`  ${miss.needId} nDCG@5 ${miss.ndcg5.toFixed(2)}: ${miss.got.join(" ")}\n`);
  process.stdout.write(
    `${JSON.stringify({
      engine,
      needs: needs.length,
      "ndcg@5": Number(score.ndcg5.toFixed(4)),
      top1_precision: Number(score.top1Precision.toFixed(4)),
      empty_expected: score.emptyExpected,
      empty_correct: score.emptyCorrect,
      empty_all_correct: score.emptyCorrect === score.emptyExpected,
    })}\n`,
  );
}
