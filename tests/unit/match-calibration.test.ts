// match:calibrate's choice of threshold, and the candidates it saves and loads.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bestThreshold, combineSets, evaluate, readSavedSets, type NeedCandidates } from "../../scripts/lib/match-calibration";

const fitting = (needId: string, ...raws: [number, number][]): NeedCandidates => ({
  needId,
  fits: true,
  candidates: raws.map(([raw, relevance]) => ({ raw, relevance })),
});
const noFit = (needId: string, ...raws: number[]): NeedCandidates => ({
  needId,
  fits: false,
  candidates: raws.map((raw) => ({ raw, relevance: 0 })),
});

describe("evaluate", () => {
  it("counts needs led by a fitting offer and no-fit needs answered empty at a threshold", () => {
    const needs = [fitting("a", [3, 2], [1, 0]), fitting("b", [2, 0], [1.5, 1]), noFit("c", 1.8), noFit("d")];
    const at = evaluate(needs, 1.6);
    expect(at).toMatchObject({ topFits: 1, withFit: 2, lost: 0, empty: 1, noFit: 2, balanced: 0.5 });
    // Higher: b loses its wrong first offer but its fitting one is below too; c is answered empty.
    expect(evaluate(needs, 2.5)).toMatchObject({ topFits: 1, lost: 1, empty: 2, balanced: 0.75 });
  });
});

describe("bestThreshold", () => {
  it("takes the middle of the widest run of thresholds with the best balanced accuracy, over all sets pooled", () => {
    // Fits score 3.0 and more, answers to needs nothing fits 1.9 at most: anything from 1.95 to 3.0 is best.
    const one = [fitting("a", [3, 2]), noFit("b", 1.9)];
    const two = [fitting("c", [4, 2]), noFit("d", 1.2)];
    const chosen = bestThreshold([one, two]);
    expect(chosen.balanced).toBe(1);
    expect(chosen.threshold).toBeCloseTo(2.45, 5);
    // One set alone allows a wider run: 1.25 to the grid's end (3.4).
    expect(bestThreshold([two]).threshold).toBeCloseTo(2.3, 5);
  });
});

describe("saved candidates", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "linli-calibration-"));

  it("round-trips through a file and keeps the commit that scored them", () => {
    const file = path.join(dir, "saved.json");
    writeFileSync(file, JSON.stringify({ commit: "2d82d05", sets: [{ name: "tune-90", needs: [fitting("n-1", [2.5, 2])] }] }));
    const saved = readSavedSets(file);
    expect(saved.commit).toBe("2d82d05");
    expect(saved.sets[0]!.needs[0]!.candidates[0]).toEqual({ raw: 2.5, relevance: 2 });
  });

  it("refuses a file that is not one, saying what is wrong", () => {
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => readSavedSets(broken)).toThrow(/not a saved calibration/);
    const wrong = path.join(dir, "wrong.json");
    writeFileSync(
      wrong,
      JSON.stringify({ commit: "x", sets: [{ name: "s", needs: [{ needId: "n", fits: true, candidates: [{ raw: 1, relevance: 7 }] }] }] }),
    );
    expect(() => readSavedSets(wrong)).toThrow(/sets\.0\.needs\.0\.candidates\.0\.relevance/);
  });

  it("refuses a set given twice (its needs would count twice)", () => {
    const set = { name: "tune-90", needs: [noFit("n-1")] };
    expect(() => combineSets([set], [{ ...set }])).toThrow(/sets given twice: tune-90/);
    expect(combineSets([set], [{ name: "tune-91", needs: [] }]).map((s) => s.name)).toEqual(["tune-90", "tune-91"]);
  });
});
