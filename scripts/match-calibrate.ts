// `npm run match:calibrate -- --sets DIR [DIR…] [--verbose]`
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
// The last line on stdout is one JSON object.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { DatasetNeed, DatasetOffer, loadDataset, readDataset } from "./lib/match-dataset";
import { logToStderr, withScratchInstance } from "./lib/scratch";

const { values, positionals } = parseArgs({
  options: { sets: { type: "string", multiple: true }, verbose: { type: "boolean" }, one: { type: "string" } },
  allowPositionals: true,
});
const dirs = [...(values.sets ?? []), ...positionals];
if (values.one) {
  // One set per process: the app's clients are made once per process, for one scratch instance.
  process.stdout.write(`${JSON.stringify(await candidatesOf(values.one))}\n`);
  process.exit(0);
}
if (!dirs.length) {
  logToStderr("usage: npm run match:calibrate -- --sets DIR [DIR…] [--verbose]");
  process.exit(2);
}

/** One need's candidates with no threshold: raw score and label, best first. */
interface NeedCandidates {
  needId: string;
  fits: boolean;
  candidates: { raw: number; relevance: number }[];
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
            .map((o) => `${datasetId.get(o.id)}[${o.explanation.matchedWords.join(",")}${o.explanation.categoryMatch ? " +cat" : ""} ${o.explanation.areaFit}]`)
            .join(" ")}`,
        );
      }
    }
    return out;
  });
}

const grid = Array.from({ length: 61 }, (_, i) => Math.round((0.4 + i * 0.05) * 100) / 100);

function evaluate(needs: NeedCandidates[], threshold: number) {
  let withFit = 0;
  let topFits = 0;
  let lost = 0;
  let noFit = 0;
  let empty = 0;
  let fitPairs = 0;
  let fitShown = 0;
  let otherPairs = 0;
  let otherHidden = 0;
  for (const need of needs) {
    const shown = need.candidates.filter((c) => c.raw >= threshold);
    for (const c of need.candidates) {
      if (c.relevance > 0) {
        fitPairs += 1;
        if (c.raw >= threshold) fitShown += 1;
      } else {
        otherPairs += 1;
        if (c.raw < threshold) otherHidden += 1;
      }
    }
    if (need.fits) {
      withFit += 1;
      if (shown[0] && shown[0].relevance > 0) topFits += 1;
      if (!shown.length) lost += 1;
    } else {
      noFit += 1;
      if (!shown.length) empty += 1;
    }
  }
  return {
    threshold,
    balanced: (topFits / Math.max(1, withFit) + empty / Math.max(1, noFit)) / 2,
    topFits,
    withFit,
    lost,
    empty,
    noFit,
    fitPairsShown: fitPairs ? fitShown / fitPairs : 0,
    otherPairsHidden: otherPairs ? otherHidden / otherPairs : 0,
  };
}

/** The middle of the widest run of grid thresholds reaching the best balanced accuracy over the sets' needs pooled. */
function best(sets: NeedCandidates[][]) {
  const pooled = sets.flat();
  const scored = grid.map((threshold) => ({ threshold, balanced: evaluate(pooled, threshold).balanced }));
  const top = Math.max(...scored.map((s) => s.balanced));
  let run: typeof scored = [];
  let widest: typeof scored = [];
  for (const s of scored) {
    run = s.balanced >= top - 1e-9 ? [...run, s] : [];
    if (run.length > widest.length) widest = run;
  }
  return widest[Math.floor((widest.length - 1) / 2)]!;
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

const sets = dirs.map((dir) => ({ name: path.basename(path.resolve(dir)), needs: candidatesInChild(dir) }));

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
const chosen = best(sets.map((s) => s.needs));
const perSet = sets.map(({ name, needs }) => {
  const own = best([needs]);
  const others = sets.filter((s) => s.name !== name).map((s) => s.needs);
  const heldOut = others.length ? best(others).threshold : own.threshold;
  return { set: name, own: own.threshold, atChosen: evaluate(needs, chosen.threshold), leaveOneOut: evaluate(needs, heldOut) };
});
for (const p of perSet)
  logToStderr(
    `${p.set}: own best ${p.own}; at ${chosen.threshold}: top fits ${p.atChosen.topFits}/${p.atChosen.withFit}, lost ${p.atChosen.lost}, ` +
      `empty ${p.atChosen.empty}/${p.atChosen.noFit}; at the others' ${p.leaveOneOut.threshold}: top fits ${p.leaveOneOut.topFits}/${p.leaveOneOut.withFit}, ` +
      `empty ${p.leaveOneOut.empty}/${p.leaveOneOut.noFit}`,
  );
process.stdout.write(`${JSON.stringify({ threshold: chosen.threshold, balanced: Number(chosen.balanced.toFixed(4)), sets: perSet })}\n`);
