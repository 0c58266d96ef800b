import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";

describe("list cursors", () => {
  it("round-trips the last row's time and id", () => {
    const at = new Date("2026-11-20T08:00:00.000Z");
    const id = "41e993ed-0873-5142-96e1-4b1dfc2c3109";
    expect(decodeCursor(encodeCursor(at, id))).toEqual({ at: at.toISOString(), id });
  });

  it.each([
    "",
    "garbage",
    Buffer.from('["not a date","x"]').toString("base64url"),
    Buffer.from('["2026-01-01T00:00:00Z","1; drop table"]').toString("base64url"),
    // Forged cursors that used to reach PostgreSQL and answer 500 (issue 14).
    Buffer.from('["1","41e993ed-0873-5142-96e1-4b1dfc2c3109"]').toString("base64url"),
    Buffer.from('["2026-01-01T00:00:00.000Z","------------------------------------"]').toString("base64url"),
    Buffer.from('["0000-01-01T00:00:00.000Z","41e993ed-0873-5142-96e1-4b1dfc2c3109"]').toString("base64url"),
    Buffer.from('["2026-02-31T00:00:00.000Z","41e993ed-0873-5142-96e1-4b1dfc2c3109"]').toString("base64url"),
    Buffer.from('["2026-01-01T00:00:00.000Z","41e993ed-0873-5142-96e1-4b1dfc2c3109","x"]').toString("base64url"),
    Buffer.from('{"at":"2026-01-01T00:00:00.000Z"}').toString("base64url"),
    Buffer.from("null").toString("base64url"),
    Buffer.from('["2026-01-01T00:00:00.000Z\u0000","41e993ed-0873-5142-96e1-4b1dfc2c3109"]').toString("base64url"),
  ])("rejects %j", (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
