// tests/fixtures/match-dev is a copy of shared/data/match-dev for machines without shared/ (CI): it must not drift.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const shared = path.resolve("../shared/data/match-dev");
const copy = path.resolve("tests/fixtures/match-dev");

describe("the dev set's copy", () => {
  it("holds the same offers and needs as shared/ wherever shared/ is there", () => {
    expect(fs.existsSync(path.join(copy, "offers.json")) && fs.existsSync(path.join(copy, "needs.json"))).toBe(true);
    if (!fs.existsSync(shared)) return; // a CI machine: the copy is all there is
    for (const file of ["offers.json", "needs.json"]) {
      expect(fs.readFileSync(path.join(copy, file), "utf8"), file).toBe(fs.readFileSync(path.join(shared, file), "utf8"));
    }
  });
});
