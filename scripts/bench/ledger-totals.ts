// `npm run bench:ledger [-- --entries N]`: loads an hour ledger of N entries (default 10 million)
// into a fresh database `linli_bench_ledger`, through the real triggers (the totals are kept by
// them, which is what this measures), then times totals reads through
// app/modules/ledger/totals.server.ts against a plain SUM over the ledger, and checks that the
// totals are exact. Starts its own embedded PostgreSQL in .data/bench (LINLI_BENCH_DATA_DIR), or
// uses DATABASE_URL's server. The last line printed is one JSON object with the results.
//
// Options: --entries N, --batch N (entries per INSERT statement, 100000), --volunteers N (N/100),
// --streets N (20), --communities-per-street N (10), --teams N (100), --reads N (200),
// --sum-reads N (200), --sample N (volunteers checked for exactness, 1000), --keep (leave the
// database; it is dropped at the next run anyway).
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { startServices } from "../services/supervisor";
import { dropDatabase, recreateDatabase } from "../lib/scratch";
import { migrateDatabase } from "../../db/migrate";
import { resetEnvCache } from "../../app/lib/env.server";

const DATABASE = "linli_bench_ledger";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

const ENTRIES = option("entries", 10_000_000);
const BATCH = Math.max(1, option("batch", 100_000));
const VOLUNTEERS = Math.max(1, option("volunteers", Math.ceil(ENTRIES / 100)));
const STREETS = Math.max(1, option("streets", 20));
const PER_STREET = Math.max(1, option("communities-per-street", 10));
const COMMUNITIES = STREETS * PER_STREET;
const TEAMS = Math.max(1, option("teams", 100));
const ACTIVITIES = COMMUNITIES * 5;
const READS = Math.max(1, option("reads", 200));
const SUM_READS = Math.max(1, option("sum-reads", 200));
const SAMPLE = Math.max(1, option("sample", 1000));
const KEEP = process.argv.includes("--keep");

const started = performance.now();
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s] ${message}`);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[at]! * 1000) / 1000;
}

async function time<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  samples.push(performance.now() - t0);
  return result;
}

/** Deterministic picks, so two runs read the same rows. */
function picker(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface TriggerTime {
  ms: number;
  calls: number;
}

/** Runs a statement under EXPLAIN ANALYZE (it is executed) and adds up the time spent in each trigger. */
async function runCountingTriggers(sql: postgres.Sql, statement: string, triggers: Map<string, TriggerTime>) {
  const [row] = await sql.unsafe<{ "QUERY PLAN": [{ Triggers?: { "Trigger Name": string; Time: number; Calls: number }[] }] }[]>(
    `explain (analyze, format json) ${statement}`,
  );
  for (const t of row!["QUERY PLAN"][0].Triggers ?? []) {
    const seen = triggers.get(t["Trigger Name"]) ?? { ms: 0, calls: 0 };
    triggers.set(t["Trigger Name"], { ms: seen.ms + t.Time, calls: seen.calls + t.Calls });
  }
}

const dataDir = path.resolve(process.env.LINLI_BENCH_DATA_DIR ?? ".data/bench");
log(
  `${ENTRIES.toLocaleString("en")} entries, ${VOLUNTEERS.toLocaleString("en")} volunteers, ${STREETS} streets, ${COMMUNITIES} communities, ${TEAMS} teams, ${ACTIVITIES} activities; services in ${dataDir}`,
);
const supervisor = await startServices({
  dataDir,
  fastDurability: true,
  log: (m) => log(m),
  env: { DATABASE_URL: process.env.DATABASE_URL, MEILI_URL: process.env.MEILI_URL, MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY },
});
let exitCode = 0;
try {
  const { databaseUrl, meiliUrl, meiliMasterKey } = supervisor.endpoints;
  const benchUrl = await recreateDatabase(databaseUrl, DATABASE);
  await migrateDatabase(benchUrl);
  // The synthetic ledger spreads each volunteer's entries over years on a few long-past activities:
  // the bounds of migration 0006 on activities' dates and on entries lying within their activity
  // would refuse it. They are off in this throwaway database only; the per-day limits on approvals
  // (at most 2 hours a day here) stay on and are timed with the rest.
  {
    const bench = postgres(benchUrl, { max: 1, onnotice: () => {} });
    try {
      await bench.unsafe(`alter table activities disable trigger activities_check_bounds;
        alter table hour_entries disable trigger hour_entries_check_bounds;`);
    } finally {
      await bench.end();
    }
  }
  log(`database ${DATABASE} created and migrated`);

  // The app's modules read the environment: point them at the bench database.
  process.env.DATABASE_URL = benchUrl;
  process.env.MEILI_URL = meiliUrl;
  process.env.MEILI_MASTER_KEY = meiliMasterKey;
  process.env.DATABASE_POOL_SIZE = "4";
  resetEnvCache();
  const totals = await import("../../app/modules/ledger/totals.server");
  const { closeDb } = await import("../../app/lib/db.server");

  const sql = postgres(benchUrl, { max: 1, onnotice: () => {}, idle_timeout: 0, max_lifetime: null });
  try {
    // ------------------------------------------------------------ places, people, activities
    await sql.unsafe(`
      insert into districts (name) values ('基准区');
      insert into streets (district_id, name, lat, lng)
        select d.id, '街道' || s, 39.1, 117.2 from districts d, generate_series(0, ${STREETS - 1}) s;
      create unlogged table bench_streets as
        select (row_number() over (order by name) - 1)::int as idx, id from streets;
      insert into communities (street_id, name, lat, lng)
        select s.id, '社区' || c, 39.1, 117.2 from bench_streets s, generate_series(0, ${PER_STREET - 1}) c;
      create unlogged table bench_communities as
        select (row_number() over (order by street_id, name) - 1)::int as idx, id from communities;
      insert into users (display_name) values ('组织者');
      insert into organisations (type, name, street_id)
        select 'bank', '团队' || t, (select id from bench_streets where idx = t % ${STREETS}) from generate_series(0, ${TEAMS - 1}) t;
      create unlogged table bench_teams as
        select (row_number() over (order by name) - 1)::int as idx, id from organisations;
      insert into activities (community_id, organisation_id, title, category, starts_at, ends_at, capacity, created_by_user_id)
        select c.id, case when a % 5 = 4 then null else (select id from bench_teams where idx = a % ${TEAMS}) end,
          '服务' || a, 'environment', '2020-01-01T01:00:00Z', '2020-01-01T09:00:00Z', 50,
          (select id from users where display_name = '组织者')
        from generate_series(0, ${ACTIVITIES - 1}) a join bench_communities c on c.idx = a % ${COMMUNITIES};
      create unlogged table bench_activities as
        select (row_number() over (order by title) - 1)::int as idx, id, community_id from activities;
      alter table bench_activities add primary key (idx);
    `);
    await sql.unsafe(`
      insert into users (display_name) select '志愿者' || v from generate_series(0, ${VOLUNTEERS - 1}) v;
      create unlogged table bench_volunteers as
        select (row_number() over (order by created_at, display_name) - 1)::int as idx, id from users where display_name <> '组织者';
      alter table bench_volunteers add primary key (idx);
      analyze;
    `);
    const [organiser] = await sql<{ id: string }[]>`select id from users where display_name = '组织者'`;
    log(`places, ${VOLUNTEERS.toLocaleString("en")} volunteers and ${ACTIVITIES} activities ready`);

    // ------------------------------------------------------------ the ledger
    // Entry g: volunteer g % V, its k-th entry with k = g / V, in its own 3-day slot (never
    // overlapping, so each approval passes the exclusion constraint), 30 to 120 minutes long.
    // Ids derive from g so the reviews can name them. 90 % approved, 3 % rejected, the rest pending;
    // one approved entry in a thousand is then reversed.
    const entryId = (g: string) => `md5('bench-entry-' || ${g})::uuid`;
    const approved = (g: string) => `((${g}) * 7919) % 100 < 90`;
    const rejected = (g: string) => `((${g}) * 7919) % 100 between 90 and 92`;
    const triggers = new Map<string, TriggerTime>();
    let entriesMs = 0;
    let reviewsMs = 0;
    const loadStarted = performance.now();
    for (let lo = 0; lo < ENTRIES; lo += BATCH) {
      const hi = Math.min(ENTRIES, lo + BATCH) - 1;
      let t0 = performance.now();
      await runCountingTriggers(
        sql,
        `insert into hour_entries (id, volunteer_id, activity_id, community_id, kind, starts_at, ends_at, minutes, recorded_by_user_id)
         select ${entryId("g")}, v.id, a.id, a.community_id, 'attendance',
           timestamptz '2020-01-01T00:00:00Z' + (g / ${VOLUNTEERS}) * interval '3 days' + (g * 17) % 60 * interval '1 hour',
           timestamptz '2020-01-01T00:00:00Z' + (g / ${VOLUNTEERS}) * interval '3 days' + (g * 17) % 60 * interval '1 hour' + (30 + (g * 31) % 91) * interval '1 minute',
           30 + (g * 31) % 91, '${organiser!.id}'
         from generate_series(${lo}::bigint, ${hi}::bigint) g
         join bench_volunteers v on v.idx = g % ${VOLUNTEERS}
         join bench_activities a on a.idx = (g * 13 + g / ${VOLUNTEERS}) % ${ACTIVITIES}`,
        triggers,
      );
      entriesMs += performance.now() - t0;
      t0 = performance.now();
      await runCountingTriggers(
        sql,
        `insert into hour_entry_reviews (hour_entry_id, decision, reason, reviewed_by_user_id)
         select ${entryId("g")}, case when ${approved("g")} then 'approved' else 'rejected' end::hour_decision,
           case when ${approved("g")} then null else '与签到表不符' end, '${organiser!.id}'
         from generate_series(${lo}::bigint, ${hi}::bigint) g where ${approved("g")} or ${rejected("g")}`,
        triggers,
      );
      reviewsMs += performance.now() - t0;
      const done = hi + 1;
      const rate = done / ((performance.now() - loadStarted) / 1000);
      log(
        `${done.toLocaleString("en")} / ${ENTRIES.toLocaleString("en")} entries with reviews (${Math.round(rate).toLocaleString("en")}/s)`,
      );
    }
    const reversalsStarted = performance.now();
    await runCountingTriggers(
      sql,
      `insert into hour_entries (volunteer_id, activity_id, community_id, kind, starts_at, ends_at, minutes, reverses_id, note, recorded_by_user_id)
       select e.volunteer_id, e.activity_id, e.community_id, 'reversal', e.starts_at, e.ends_at, -e.minutes, e.id, '冲正', '${organiser!.id}'
       from generate_series(0::bigint, ${ENTRIES - 1}::bigint) g join hour_entries e on e.id = ${entryId("g")}
       where g % 1000 = 7 and ${approved("g")}`,
      triggers,
    );
    const reversalsMs = performance.now() - reversalsStarted;
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`ledger loaded in ${loadSeconds.toFixed(1)} s; analysing`);
    await sql`analyze`;
    const [counts] = await sql<{ entries: string; reversals: string; reviews: string; approved_periods: string }[]>`
      select (select count(*) from hour_entries) as entries,
        (select count(*) from hour_entries where kind = 'reversal') as reversals,
        (select count(*) from hour_entry_reviews) as reviews,
        (select count(*) from approved_hour_periods) as approved_periods`;
    const [size] = await sql<{ mb: string }[]>`select pg_database_size(current_database()) / 1048576 as mb`;
    log(
      `ledger: ${counts!.entries} entries (${counts!.reversals} reversals), ${counts!.reviews} reviews, ${counts!.approved_periods} approved periods; database ${size!.mb} MB`,
    );
    const triggerReport = Object.fromEntries(
      [...triggers.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([name, t]) => [name, { seconds: Math.round(t.ms) / 1000, calls: t.calls }]),
    );
    const totalsTriggerMs = [...triggers.entries()].filter(([n]) => n.startsWith("hour_totals_")).reduce((n, [, t]) => n + t.ms, 0);
    log(`time in triggers during the load: ${JSON.stringify(triggerReport)}`);

    // ------------------------------------------------------------ single writes on the full ledger
    // What one check-in and one approval cost now (each its own transaction, triggers included).
    const pick = picker(20_261_123);
    const volunteerIds = (await sql<{ id: string }[]>`select id from bench_volunteers order by idx`).map((r) => r.id);
    const [activity] = await sql<{ id: string; community_id: string }[]>`select id, community_id from bench_activities where idx = 0`;
    const insertMs: number[] = [];
    const approveMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const volunteerId = volunteerIds[pick(volunteerIds.length)]!;
      const startsAt = new Date(Date.UTC(2031, 0, 1) + i * 3 * 3_600_000);
      const [entry] = await time(
        insertMs,
        () => sql<{ id: string }[]>`
          insert into hour_entries (volunteer_id, activity_id, community_id, kind, starts_at, ends_at, minutes, recorded_by_user_id)
          values (${volunteerId}, ${activity!.id}, ${activity!.community_id}, 'attendance', ${startsAt},
            ${new Date(startsAt.getTime() + 3_600_000)}, 60, ${organiser!.id})
          returning id`,
      );
      await time(
        approveMs,
        () =>
          sql`insert into hour_entry_reviews (hour_entry_id, decision, reviewed_by_user_id) values (${entry!.id}, 'approved', ${organiser!.id})`,
      );
    }
    log(
      `single writes (ms p50/p95): entry ${percentile(insertMs, 50)}/${percentile(insertMs, 95)}, approval ${percentile(approveMs, 50)}/${percentile(approveMs, 95)}`,
    );

    // ------------------------------------------------------------ reads
    const communityIds = (await sql<{ id: string }[]>`select id from bench_communities order by idx`).map((r) => r.id);
    const streetIds = (await sql<{ id: string }[]>`select id from bench_streets order by idx`).map((r) => r.id);
    const some = (ids: string[], n: number) => Array.from({ length: n }, () => ids[pick(ids.length)]!);

    // Warm the pool and the plans.
    for (const id of some(volunteerIds, 20)) await totals.volunteerTotals(id);
    for (const id of some(streetIds, 5)) await totals.streetTotals(id);

    const volunteerMs: number[] = [];
    const communityMs: number[] = [];
    const streetMs: number[] = [];
    for (const id of some(volunteerIds, READS)) await time(volunteerMs, () => totals.volunteerTotals(id));
    for (const id of some(communityIds, READS)) await time(communityMs, () => totals.communityTotals(id));
    const streetSample = some(streetIds, Math.max(READS, SUM_READS));
    for (const id of streetSample.slice(0, READS)) await time(streetMs, () => totals.streetTotals(id));
    log(
      `totals reads (ms p50/p95): volunteer ${percentile(volunteerMs, 50)}/${percentile(volunteerMs, 95)}, community ${percentile(communityMs, 50)}/${percentile(communityMs, 95)}, street ${percentile(streetMs, 50)}/${percentile(streetMs, 95)}`,
    );

    // The same street figures as a plain SUM over the ledger (what the totals tables replace).
    const streetSum = (streetId: string) => sql<{ approved: string; pending: string }[]>`
      select coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0) as approved,
        coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0) as pending
      from hour_entries e join communities c on c.id = e.community_id
      left join hour_entry_reviews r on r.hour_entry_id = e.id
      where c.street_id = ${streetId}`;
    const sumMs: number[] = [];
    const sumStarted = performance.now();
    for (const [i, id] of streetSample.slice(0, SUM_READS).entries()) {
      await time(sumMs, () => streetSum(id));
      if (i % 20 === 19) log(`SUM query ${i + 1}/${SUM_READS}: p50 so far ${percentile(sumMs, 50)} ms`);
    }
    log(
      `SUM over the ledger per street (ms p50/p95): ${percentile(sumMs, 50)}/${percentile(sumMs, 95)} (${((performance.now() - sumStarted) / 1000).toFixed(1)} s for ${SUM_READS})`,
    );

    // ------------------------------------------------------------ exactness
    const mismatches: string[] = [];
    const same = (what: string, got: { approvedMinutes: number; pendingMinutes: number }, want: { approved: string; pending: string }) => {
      if (got.approvedMinutes !== Number(want.approved) || got.pendingMinutes !== Number(want.pending)) {
        mismatches.push(`${what}: totals ${JSON.stringify(got)} ledger ${JSON.stringify(want)}`);
      }
    };
    // Every street: one pass over the ledger, and each street read through the module.
    const byStreet = await sql<{ street_id: string; approved: string; pending: string }[]>`
      select c.street_id, coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0) as approved,
        coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0) as pending
      from hour_entries e join communities c on c.id = e.community_id
      left join hour_entry_reviews r on r.hour_entry_id = e.id group by c.street_id`;
    if (byStreet.length !== STREETS) mismatches.push(`expected ${STREETS} streets with hours, the ledger has ${byStreet.length}`);
    for (const row of byStreet) same(`street ${row.street_id}`, await totals.streetTotals(row.street_id), row);
    // A sample of volunteers, each against the SUM of their entries.
    for (const id of some(volunteerIds, SAMPLE)) {
      const [row] = await sql<{ approved: string; pending: string }[]>`
        select coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0) as approved,
          coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0) as pending
        from hour_entries e left join hour_entry_reviews r on r.hour_entry_id = e.id where e.volunteer_id = ${id}`;
      same(`volunteer ${id}`, await totals.volunteerTotals(id), row!);
    }
    // And the grand totals across all the tables.
    const [grand] = await sql<
      { ledger: string; volunteers: string; teams_plus_none: string; communities: string; streets: string; months: string }[]
    >`
      select
        (select sum(e.minutes) from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved') as ledger,
        (select sum(approved_minutes) from hour_totals_by_volunteer) as volunteers,
        (select sum(approved_minutes) from hour_totals_by_organisation) + (select coalesce(sum(e.minutes), 0) from hour_entries e
          join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved' where e.organisation_id is null) as teams_plus_none,
        (select sum(approved_minutes) from hour_totals_by_community) as communities,
        (select sum(approved_minutes) from hour_totals_by_street) as streets,
        (select sum(approved_minutes) from hour_totals_by_community_month) as months`;
    for (const [table, value] of Object.entries(grand!)) {
      if (value !== grand!.ledger) mismatches.push(`approved minutes in ${table}: ${value}, ledger ${grand!.ledger}`);
    }
    const exact = mismatches.length === 0;
    log(
      exact
        ? `exact: ${STREETS} streets, ${SAMPLE} volunteers and the grand totals match the ledger`
        : `NOT EXACT:\n${mismatches.slice(0, 20).join("\n")}`,
    );
    if (!exact) exitCode = 1;

    const all = [...volunteerMs, ...communityMs, ...streetMs];
    console.log(
      JSON.stringify({
        entries: Number(counts!.entries),
        volunteers: VOLUNTEERS,
        streets: STREETS,
        communities: COMMUNITIES,
        load_seconds: Math.round(loadSeconds * 10) / 10,
        load_entries_seconds: Math.round(entriesMs / 100) / 10,
        load_reviews_seconds: Math.round(reviewsMs / 100) / 10,
        load_reversals_seconds: Math.round(reversalsMs / 100) / 10,
        totals_triggers_seconds: Math.round(totalsTriggerMs / 100) / 10,
        entry_insert_p50_ms: percentile(insertMs, 50),
        approval_p50_ms: percentile(approveMs, 50),
        approval_p95_ms: percentile(approveMs, 95),
        database_mb: Number(size!.mb),
        totals_p50_ms: percentile(all, 50),
        totals_p95_ms: percentile(all, 95),
        volunteer_p50_ms: percentile(volunteerMs, 50),
        community_p50_ms: percentile(communityMs, 50),
        street_p50_ms: percentile(streetMs, 50),
        street_p95_ms: percentile(streetMs, 95),
        sum_query_p50_ms: percentile(sumMs, 50),
        sum_query_p95_ms: percentile(sumMs, 95),
        exact,
      }),
    );
  } finally {
    await sql.end({ timeout: 5 });
    await closeDb();
    if (!KEEP) await dropDatabase(databaseUrl, DATABASE);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await supervisor.stop();
}
process.exit(exitCode);
