// How match:calibrate chooses the matcher's threshold from candidates scored with none (see that
// script): pure, so the choice can be tested, and candidates can be saved and calibrated on later.
import { readFileSync } from "node:fs";
import { z } from "zod";

/** One need's candidates with no threshold: raw score and label, in the order the list shows them. */
export const NeedCandidates = z.object({
  needId: z.string(),
  fits: z.boolean(),
  candidates: z.array(z.object({ raw: z.number().finite(), relevance: z.number().int().min(0).max(2) })),
});
export type NeedCandidates = z.infer<typeof NeedCandidates>;

export interface ScoredSet {
  name: string;
  needs: NeedCandidates[];
}

/** What `--save` writes: the sets' candidates and the commit that scored them. */
export const SavedSets = z.object({
  commit: z.string().min(1),
  sets: z.array(z.object({ name: z.string().min(1), needs: z.array(NeedCandidates) })),
});
export type SavedSets = z.infer<typeof SavedSets>;

export function readSavedSets(file: string): SavedSets {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a saved calibration (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = SavedSets.safeParse(json);
  if (!parsed.success)
    throw new Error(`${file}: not a saved calibration (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Sets scored now and loaded from files, together; a set given twice would count its needs twice. */
export function combineSets(...groups: ScoredSet[][]): ScoredSet[] {
  const sets = groups.flat();
  const duplicated = sets.map((s) => s.name).filter((name, i, all) => all.indexOf(name) !== i);
  if (duplicated.length) throw new Error(`sets given twice: ${[...new Set(duplicated)].join(", ")}`);
  return sets;
}

export const THRESHOLD_GRID = Array.from({ length: 61 }, (_, i) => Math.round((0.4 + i * 0.05) * 100) / 100);

export function evaluate(needs: NeedCandidates[], threshold: number) {
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
export function bestThreshold(sets: NeedCandidates[][], grid = THRESHOLD_GRID) {
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
