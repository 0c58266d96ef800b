// The labelled sets in tests/fixtures/match-sets are read by match:score and match:calibrate: each must
// parse as the dev set does, and label only offers it holds that take requests.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetNeed, DatasetOffer, readDataset } from "../../scripts/lib/match-dataset";

const root = path.resolve("tests/fixtures/match-sets");
const sets = fs.readdirSync(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory());

describe("the labelled matching sets", () => {
  it("are there, tuning and held-out apart", () => {
    expect(sets.filter((s) => s.startsWith("tune-")).length).toBeGreaterThanOrEqual(3);
    expect(sets.filter((s) => s.startsWith("heldout-")).length).toBeGreaterThanOrEqual(3);
  });

  it.each(sets)("%s parses and labels only its own offers that take requests", (name) => {
    const offers = readDataset(path.join(root, name, "offers.json"), DatasetOffer);
    const needs = readDataset(path.join(root, name, "needs.json"), DatasetNeed);
    expect(needs.length).toBeGreaterThanOrEqual(40);
    const byId = new Map(offers.map((o) => [o.id, o]));
    expect(byId.size).toBe(offers.length);
    expect(new Set(needs.map((n) => n.id)).size).toBe(needs.length);
    for (const need of needs)
      for (const id of Object.keys(need.relevant)) {
        const offer = byId.get(id);
        expect(offer, `${name} ${need.id} → ${id}`).toBeDefined();
        expect(offer!.active && offer!.capacity_per_month > 0, `${name} ${need.id} → ${id} takes requests`).toBe(true);
      }
    expect(needs.some((n) => Object.keys(n.relevant).length === 0)).toBe(true);
  });
});
