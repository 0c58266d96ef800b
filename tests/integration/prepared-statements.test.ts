// drizzle's queries go to PostgreSQL as named statements, prepared once per connection
// (preparingStatements in app/lib/db.server.ts), in and out of transactions, and keep working when
// the tables under them change.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";

const preparedOnThisConnection = `select statement from pg_prepared_statements`;

describe("statements", () => {
  it("are prepared in a transaction and in a savepoint inside it", async () => {
    const statements = await db().transaction(async (tx) => {
      const [one] = await tx.execute<{ n: number }>(sql`select ${41}::int + 1 as n /* prepared-outer */`);
      expect(one?.n).toBe(42);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${"x"}::text as t /* prepared-inner */`);
      });
      return (await tx.execute<{ statement: string }>(sql.raw(preparedOnThisConnection))).map((r) => r.statement);
    });
    expect(statements.some((s) => s.includes("prepared-outer"))).toBe(true);
    expect(statements.some((s) => s.includes("prepared-inner"))).toBe(true);
  });

  it("answer the same when asked again with other values", async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      expect((await db().execute<{ n: number }>(sql`select ${n}::int * 2 as n /* again */`))[0]?.n).toBe(n * 2);
  });

  it("still run several statements in one string when they have no parameters", async () => {
    await db().execute(sql.raw(`create temporary table if not exists simple_check (a int); drop table simple_check`));
  });

  it("follow a table whose columns changed after they were prepared", async () => {
    await db().execute(sql.raw(`create table prepared_shape (a int)`));
    await db().execute(sql`insert into prepared_shape (a) values (${1})`);
    const read = () => db().execute<Record<string, unknown>>(sql`select * from prepared_shape where a = ${1}`);
    for (let i = 0; i < 6; i++) expect(await read()).toEqual([{ a: 1 }]);
    await db().execute(sql.raw(`alter table prepared_shape add column b text default 'b'`));
    expect(await read()).toEqual([{ a: 1, b: "b" }]);
    await db().execute(sql.raw(`drop table prepared_shape`));
  });
});
