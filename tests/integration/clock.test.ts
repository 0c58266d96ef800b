// Time is an input: the app and the database read one clock, fixed by the test configuration.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { clockOffsetMs, now, resetClock, setClock } from "~/lib/clock.server";
import { db } from "~/lib/db.server";

const databaseNow = async () => {
  const [row] = await db().execute<{ at: string }>(sql`select linli_now()::text as at, now()::text as wall`);
  return new Date(row!.at);
};

afterAll(() => resetClock());

describe("the app's clock", () => {
  it("starts at the date the configuration fixes, not today", () => {
    const fixed = Date.parse(process.env.LINLI_NOW!);
    expect(Math.abs(now().getTime() - fixed)).toBeLessThan(5 * 60_000);
  });

  it("is the clock the database reads too (defaults and linli_now())", async () => {
    expect(Math.abs((await databaseNow()).getTime() - now().getTime())).toBeLessThan(2_000);
    const [row] = await db().execute<{ created_at: string }>(
      sql`insert into districts (name) values ('时钟测试区') returning created_at::text as created_at`,
    );
    expect(Math.abs(new Date(row!.created_at).getTime() - now().getTime())).toBeLessThan(2_000);
  });

  it("moves with setClock, and the database follows", async () => {
    setClock("1999-12-31T16:00:00Z");
    expect(now().toISOString().slice(0, 10)).toBe("1999-12-31");
    expect(clockOffsetMs()).toBeLessThan(0);
    expect((await databaseNow()).toISOString().slice(0, 13)).toBe("1999-12-31T16");
    setClock("2040-06-01T00:00:00Z");
    expect((await databaseNow()).toISOString().slice(0, 10)).toBe("2040-06-01");
  });

  it("keeps ticking from the instant it was set", async () => {
    setClock("2030-01-01T00:00:00Z");
    const first = now().getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(now().getTime()).toBeGreaterThan(first);
  });
});
