import { describe, expect, it } from "vitest";
import { boundedMemo } from "~/lib/bounded-memo";

describe("boundedMemo", () => {
  it("computes once per key and drops the oldest key when full", () => {
    const calls: string[] = [];
    const upper = boundedMemo(
      2,
      (s: string) => s,
      (s: string) => {
        calls.push(s);
        return s.toUpperCase();
      },
    );
    expect([upper("a"), upper("a"), upper("b")]).toEqual(["A", "A", "B"]);
    expect(calls).toEqual(["a", "b"]);
    upper("c"); // "a" is dropped
    upper("b");
    upper("a");
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });
});
