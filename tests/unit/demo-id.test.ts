import { describe, expect, it } from "vitest";
import { z } from "zod";
import { demoId } from "#db/seed";

describe("demo ids", () => {
  it("are stable, distinct and valid UUIDs", () => {
    expect(demoId("user:jumin")).toBe(demoId("user:jumin"));
    expect(demoId("user:jumin")).not.toBe(demoId("user:jumin2"));
    expect(z.uuid().safeParse(demoId("user:jumin")).success).toBe(true);
  });
});
