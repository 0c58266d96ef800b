// What the hour totals tables must hold: the GROUP BY over the ledger, from the definitions
// (approved = entries with an approved review, reversals included; pending = entries not yet reviewed),
// compared row for row with what the database's triggers keep.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "~/lib/db.server";

export interface TotalsRow {
  key: string;
  approved_minutes: string;
  pending_minutes: string;
  approved_entries: string;
  pending_entries: string;
}
export interface MonthRow {
  key: string;
  approved_minutes: string;
  approved_entries: string;
}

// Every entry with its decision, whether it was reversed, and its community's street now.
const LEDGER = `
  select e.volunteer_id, e.organisation_id, e.community_id, c.street_id, e.kind, e.minutes, e.starts_at,
         r.decision, r.hour_entry_id is null as unreviewed,
         exists (select 1 from hour_entries x where x.reverses_id = e.id) as reversed
  from hour_entries e
  join communities c on c.id = e.community_id
  left join hour_entry_reviews r on r.hour_entry_id = e.id`;

/** The GROUP BY over the ledger, from the definitions: approved = entries with an approved review. */
export function expectedTotals(key: string) {
  return sql.raw(`
    with l as (${LEDGER})
    select ${key}::text as key,
      coalesce(sum(minutes) filter (where decision = 'approved'), 0)::text as approved_minutes,
      coalesce(sum(minutes) filter (where unreviewed and kind <> 'reversal'), 0)::text as pending_minutes,
      (count(*) filter (where decision = 'approved' and kind <> 'reversal' and not reversed))::text as approved_entries,
      (count(*) filter (where unreviewed and kind <> 'reversal'))::text as pending_entries
    from l where ${key} is not null group by 1 order by 1`);
}

export const expectedMonths = sql.raw(`
  with l as (${LEDGER})
  select community_id::text || ' ' || to_char(date_trunc('month', starts_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as key,
    sum(minutes)::text as approved_minutes,
    (count(*) filter (where kind <> 'reversal' and not reversed))::text as approved_entries
  from l where decision = 'approved' group by 1 order by 1`);

export function storedTotals(table: string, key: string, schema = "public") {
  return sql.raw(`
    select ${key}::text as key, approved_minutes::text, pending_minutes::text, approved_entries::text, pending_entries::text
    from "${schema}"."${table}" order by 1`);
}

export function storedMonths(schema = "public") {
  return sql.raw(`
    select community_id::text || ' ' || to_char(month, 'YYYY-MM-DD') as key, approved_minutes::text, approved_entries::text
    from "${schema}".hour_totals_by_community_month order by 1`);
}

export const TABLES = [
  { table: "hour_totals_by_volunteer", key: "volunteer_id" },
  { table: "hour_totals_by_organisation", key: "organisation_id" },
  { table: "hour_totals_by_community", key: "community_id" },
  { table: "hour_totals_by_street", key: "street_id" },
] as const;

export const rows = async <T extends object>(query: ReturnType<typeof sql.raw>) => [
  ...(await db().execute<T & Record<string, unknown>>(query)),
];
export const sortByKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
export const isZero = (row: object) => Object.entries(row).every(([k, v]) => k === "key" || v === "0");

/**
 * Compares every totals table with the GROUP BY over the ledger, row for row. `ignoreZeroRows`:
 * a row of zeros counts as no row (a street a community moved away from keeps one).
 */
export async function expectTotalsExact(ignoreZeroRows = false) {
  const clean = <T extends { key: string }>(list: T[]) => sortByKey(ignoreZeroRows ? list.filter((r) => !isZero(r)) : list);
  for (const { table, key } of TABLES) {
    const [stored, expected] = await Promise.all([rows<TotalsRow>(storedTotals(table, key)), rows<TotalsRow>(expectedTotals(key))]);
    expect(clean(stored), table).toEqual(clean(expected));
  }
  const [stored, expected] = await Promise.all([rows<MonthRow>(storedMonths()), rows<MonthRow>(expectedMonths)]);
  expect(clean(stored), "hour_totals_by_community_month").toEqual(clean(expected));
}
