// `npm run match:score [-- --offers FILE --needs FILE] [--sets DIR [DIR…]] [--rankings FILE | --engine meili|baseline|both]`
// Scores rankings against the labels: nDCG@5 (gain 2^rel − 1; inactive offers count 0), top-1
// precision, and for needs with no relevant offer whether the list was empty. Without --rankings
// it runs match:eval itself (both engines by default). `--sets` scores several sets at once (each
// DIR holds offers.json and needs.json): one line per set and engine, then the mean per engine.
// Without --offers/--needs/--sets it scores shared/data/match-dev.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DatasetNeed, DatasetOffer, readDataset } from "./lib/match-dataset";
import { scoreRankings } from "./lib/match-metrics";

const devSet = path.resolve(process.env.LINLI_MATCH_DATA ?? "../shared/data/match-dev");
const { values, positionals } = parseArgs({
  options: {
    offers: { type: "string" },
    needs: { type: "string" },
    rankings: { type: "string" },
    engine: { type: "string" },
    sets: { type: "string", multiple: true },
  },
  allowPositionals: true,
});
const Rankings = z.object({ rankings: z.record(z.string(), z.array(z.string())) });

interface LabelledSet {
  name: string;
  offersFile: string;
  needsFile: string;
}

// `--sets A B C`: node's parser keeps the first after --sets, the rest arrive as positionals.
const setDirs = values.sets ? [...values.sets, ...positionals] : [];
const sets: LabelledSet[] = setDirs.length
  ? setDirs.map((dir) => ({
      name: path.basename(path.resolve(dir)),
      offersFile: path.join(dir, "offers.json"),
      needsFile: path.join(dir, "needs.json"),
    }))
  : [
      {
        name: values.needs ? path.basename(path.dirname(path.resolve(values.needs))) : "match-dev",
        offersFile: values.offers ?? path.join(devSet, "offers.json"),
        needsFile: values.needs ?? path.join(devSet, "needs.json"),
      },
    ];
if (values.rankings && sets.length > 1) {
  process.stderr.write("--rankings scores one set (--offers/--needs), not several\n");
  process.exit(2);
}

function runEval(set: LabelledSet, engine: string) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const result = spawnSync(tsx, ["scripts/match-eval.ts", "--offers", set.offersFile, "--needs", set.needsFile, "--engine", engine], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`match:eval --engine ${engine} on ${set.name} failed (${result.status})`);
  return Rankings.parse(JSON.parse(result.stdout.trim().split("\n").pop()!)).rankings;
}

const engines = values.rankings ? ["given"] : values.engine && values.engine !== "both" ? [values.engine] : ["meili", "baseline"];
const lines: { set: string; engine: string; ndcg5: number; top1: number; emptyExpected: number; emptyCorrect: number }[] = [];

for (const set of sets) {
  const offers = readDataset(set.offersFile, DatasetOffer);
  const needs = readDataset(set.needsFile, DatasetNeed);
  for (const engine of engines) {
    const rankings =
      engine === "given" ? Rankings.parse(JSON.parse(fs.readFileSync(values.rankings!, "utf8"))).rankings : runEval(set, engine);
    const score = scoreRankings(offers, needs, rankings);
    process.stderr.write(
      `${set.name} ${engine}: nDCG@5 ${score.ndcg5.toFixed(3)} over ${score.judged} needs, top-1 precision ${score.top1Precision.toFixed(3)}, ` +
        `empty lists for needs without a relevant offer: ${score.emptyCorrect}/${score.emptyExpected}\n`,
    );
    for (const miss of score.worst.slice(0, 8))
      process.stderr.write(`  ${miss.needId} nDCG@5 ${miss.ndcg5.toFixed(2)}: ${miss.got.join(" ")}\n`);
    for (const needId of score.notEmpty) process.stderr.write(`  ${needId} should be empty: ${rankings[needId]!.join(" ")}\n`);
    lines.push({
      set: set.name,
      engine,
      ndcg5: score.ndcg5,
      top1: score.top1Precision,
      emptyExpected: score.emptyExpected,
      emptyCorrect: score.emptyCorrect,
    });
    process.stdout.write(
      `${JSON.stringify({
        set: set.name,
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
}

if (sets.length > 1)
  for (const engine of engines) {
    const mine = lines.filter((l) => l.engine === engine);
    const mean = (pick: (l: (typeof mine)[number]) => number) => Number((mine.reduce((s, l) => s + pick(l), 0) / mine.length).toFixed(4));
    const summary = {
      set: "mean",
      engine,
      sets: mine.length,
      "ndcg@5": mean((l) => l.ndcg5),
      top1_precision: mean((l) => l.top1),
      empty_expected: mine.reduce((s, l) => s + l.emptyExpected, 0),
      empty_correct: mine.reduce((s, l) => s + l.emptyCorrect, 0),
    };
    process.stderr.write(`mean of ${mine.length} sets, ${engine}: nDCG@5 ${summary["ndcg@5"]}, top-1 ${summary.top1_precision}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  }
