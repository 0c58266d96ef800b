// `npm run match:calibrate -- --sets DIR [DIR…] [--verbose] [--save FILE] [--load FILE…]`
// How the matcher's threshold (ranking.ts MIN_SCORE) is chosen: every labelled set is loaded into
// a throwaway instance and each need is matched with no threshold at all. The candidates' raw scores
// then fall into two groups: pairs that fit (label 1 or 2, active offer) and pairs that do not. For
// each threshold on a grid, a set counts
//   - how many fitting pairs it still shows (recall of fitting pairs),
//   - how many non-fitting pairs it hides,
//   - how many needs without any fitting offer it answers empty, and how many needs with one it
//     leaves empty (a lost answer),
// and the threshold chosen maximises, over the needs of all sets pooled (a threshold fits the
// distributions of fitting and non-fitting answers as a whole, not one set's), balanced accuracy on the top candidates: (needs with a fit whose list still starts
// with a fitting offer + no-fit needs answered empty) / both counts. Of the thresholds reaching
// the best value, the middle of the widest run is taken: as far as the data allow from both the
// weakest fitting answer and the strongest answer to a need nothing fits. It also prints each set's own best threshold, and leave-one-set-out: each set scored at
// the threshold the other sets would choose, which is what an unseen set may expect.
// With --verbose, every need's query and its candidates (label, raw score; the first three's matched words,
// category match and area fit) go to stderr.
// --save FILE writes the sets' candidates (and the commit they were scored on) to FILE; --load FILE…
// calibrates on saved candidates as well, without an instance. That is how sets are calibrated on as
// the code first saw them: a tuning set's misreadings were mended once read, so today's code scores it
// better than it scores unseen text, and a threshold fitted to today's scores of tuning sets is fitted
// to mended answers. Each set is scored by the commit that first reported it as held out (this script
// copied into a worktree of that commit), saved, and loaded here together (README, Matching, Quality).
// The last line on stdout is one JSON object.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DatasetNeed, DatasetOffer, loadDataset, readDataset } from "./lib/match-dataset";
import { logToStderr, withScratchInstance } from "./lib/scratch";
import {
  bestThreshold,
  combineSets,
  evaluate,
  readSavedSets,
  type NeedCandidates,
  type SavedSets,
  type ScoredSet,
} from "./lib/match-calibration";

const { values, positionals } = parseArgs({
  options: {
    sets: { type: "string", multiple: true },
    verbose: { type: "boolean" },
    one: { type: "string" },
    save: { type: "string" },
    load: { type: "string", multiple: true },
  },
  allowPositionals: true,
});
const dirs = [...(values.sets ?? []), ...positionals];
if (values.one) {
  // One set per process: the app's clients are made once per process, for one scratch instance.
  process.stdout.write(`${JSON.stringify(await candidatesOf(values.one))}\n`);
  process.exit(0);
}
if (!dirs.length && !values.load?.length) {
  logToStderr("usage: npm run match:calibrate -- --sets DIR [DIR…] [--verbose] [--save FILE] [--load FILE…]");
  process.exit(2);
}

async function candidatesOf(dir: string): Promise<NeedCandidates[]> {
  const offers = readDataset(path.join(dir, "offers.json"), DatasetOffer);
  const needs = readDataset(path.join(dir, "needs.json"), DatasetNeed);
  const active = new Set(offers.filter((o) => o.active).map((o) => o.id));
  return withScratchInstance("calibrate", async () => {
    const { offerIds, needIds } = await loadDataset(offers, needs);
    const { ensureIndexes } = await import("../app/modules/search/search-indexes.server");
    const { drainOutbox } = await import("../app/modules/search/outbox-relay.server");
    const { matchOffersForNeed } = await import("../app/modules/matching/matches.server");
    const { placeOfNeed } = await import("../app/modules/matching/matcher.server");
    const { buildQuery } = await import("../app/modules/matching/query-builder.server");
    const { rawOf } = await import("../app/modules/matching/ranking");
    await ensureIndexes();
    await drainOutbox();
    const datasetId = new Map([...offerIds].map(([file, id]) => [id, file]));
    const out: NeedCandidates[] = [];
    for (const need of needs) {
      const relevance = (id: string) => (active.has(id) ? (need.relevant[id] ?? 0) : 0);
      const { items } = await matchOffersForNeed(needIds.get(need.id)!, { limit: 10, minScore: 0.05 });
      const candidates = items.map((o) => ({ id: datasetId.get(o.id)!, raw: rawOf(o.score), relevance: relevance(datasetId.get(o.id)!) }));
      const fits = Object.keys(need.relevant).some((id) => relevance(id) > 0);
      out.push({ needId: need.id, fits, candidates });
      if (values.verbose) {
        const located = (await placeOfNeed(needIds.get(need.id)!))!;
        const query = buildQuery(located.subject);
        const wanted = Object.entries(need.relevant)
          .filter(([id]) => relevance(id) > 0)
          .map(([id, r]) => `${id}:${r}`);
        logToStderr(
          `${need.id} ${fits ? "" : "[no fit] "}${need.title}\n  query ${query.terms
            .map((t) => `${t.term}${t.primary ? "*" : ""}(${t.weight.toFixed(2)})`)
            .join(" ")} cat=${query.category ?? "-"}\n  got ${candidates
            .slice(0, 6)
            .map((c) => `${c.id}:${c.relevance}@${c.raw.toFixed(2)}`)
            .join(" ")}\n  want ${wanted.join(" ")}\n  why ${items
            .slice(0, 3)
            .map(
              (o) =>
                `${datasetId.get(o.id)}[${o.explanation.matchedWords.join(",")}${o.explanation.categoryMatch ? " +cat" : ""} ${o.explanation.areaFit}]`,
            )
            .join(" ")}`,
        );
      }
    }
    return out;
  });
}

const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2) : "-");
  return `n=${s.length} p10 ${q(0.1)} p25 ${q(0.25)} p50 ${q(0.5)} p75 ${q(0.75)} p90 ${q(0.9)}`;
};

function candidatesInChild(dir: string): NeedCandidates[] {
  const args = ["scripts/match-calibrate.ts", "--one", dir, ...(values.verbose ? ["--verbose"] : [])];
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`calibrating on ${dir} failed (${result.status})`);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as NeedCandidates[];
}

const scored: ScoredSet[] = dirs.map((dir) => ({ name: path.basename(path.resolve(dir)), needs: candidatesInChild(dir) }));
if (values.save) {
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown";
  writeFileSync(values.save, JSON.stringify({ commit, sets: scored } satisfies SavedSets));
  logToStderr(`${scored.length} sets' candidates (commit ${commit}) saved to ${values.save}`);
}
const loaded = (values.load ?? []).map((file) => {
  const saved = readSavedSets(file);
  logToStderr(`${file}: ${saved.sets.length} sets scored on ${saved.commit}`);
  return saved.sets;
});
const sets = combineSets(scored, ...loaded);

for (const { name, needs } of sets) {
  const pairs = needs.flatMap((n) => n.candidates);
  logToStderr(`${name}: fitting pairs ${quantiles(pairs.filter((c) => c.relevance > 0).map((c) => c.raw))}`);
  logToStderr(`${name}: other pairs   ${quantiles(pairs.filter((c) => c.relevance === 0).map((c) => c.raw))}`);
  logToStderr(
    `${name}: top candidate of needs without a fit ${quantiles(needs.filter((n) => !n.fits).map((n) => n.candidates[0]?.raw ?? 0))}`,
  );
  logToStderr(
    `${name}: top fitting candidate of needs with one ${quantiles(needs.filter((n) => n.fits).map((n) => n.candidates.find((c) => c.relevance > 0)?.raw ?? 0))}`,
  );
}
const chosen = bestThreshold(sets.map((s) => s.needs));
const perSet = sets.map(({ name, needs }) => {
  const own = bestThreshold([needs]);
  const others = sets.filter((s) => s.name !== name).map((s) => s.needs);
  const heldOut = others.length ? bestThreshold(others).threshold : own.threshold;
  return { set: name, own: own.threshold, atChosen: evaluate(needs, chosen.threshold), leaveOneOut: evaluate(needs, heldOut) };
});
for (const p of perSet)
  logToStderr(
    `${p.set}: own best ${p.own}; at ${chosen.threshold}: top fits ${p.atChosen.topFits}/${p.atChosen.withFit}, lost ${p.atChosen.lost}, ` +
      `empty ${p.atChosen.empty}/${p.atChosen.noFit}; at the others' ${p.leaveOneOut.threshold}: top fits ${p.leaveOneOut.topFits}/${p.leaveOneOut.withFit}, ` +
      `empty ${p.leaveOneOut.empty}/${p.leaveOneOut.noFit}`,
  );
process.stdout.write(`${JSON.stringify({ threshold: chosen.threshold, balanced: Number(chosen.balanced.toFixed(4)), sets: perSet })}\n`);
