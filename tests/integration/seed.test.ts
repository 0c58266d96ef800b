// The demo data of shared/DEMO.md: volume, every lifecycle state, the listed logins, determinism.
import { createHash } from "node:crypto";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, inject } from "vitest";
import * as schema from "#db/schema";
import { databaseState, demoId, seedDemoData } from "#db/seed";
import { db, type Database } from "~/lib/db.server";
import { orgTypes } from "~/modules/categories/categories";
import { now as clockNow } from "~/lib/clock.server";
import { seedDemo, TEST_PASSWORD_HASH } from "../setup/seed";

// The instant the seed runs at: the test configuration fixes the clock (two dates, see vitest.config.ts).
const SEED_NOW = clockNow();

const count = async (query: ReturnType<typeof sql>) => {
  const [row] = await db().execute<{ n: string }>(query);
  return Number(row!.n);
};

/** A digest of the rows that make the demo: ids, titles, statuses and times. */
async function digest(database: Database) {
  const [row] = await database.execute<{ d: string }>(sql`
    select string_agg(x, '|' order by x) as d from (
      select id::text || title || status || created_at::text as x from needs
      union all select id::text || title || active::text from offers
      union all select id::text || coalesce(email, phone, '') || display_name from users
      union all select id::text || minutes::text || starts_at::text from hour_entries
    ) t`);
  return createHash("sha256").update(row!.d).digest("hex");
}

beforeAll(async () => {
  expect(await databaseState(db() as never)).toBe("empty");
  await seedDemo(SEED_NOW);
});

describe("demo seed", () => {
  it("has the places of DEMO.md", async () => {
    expect(await count(sql`select count(*) as n from streets`)).toBeGreaterThanOrEqual(5);
    const names = await db().select({ name: schema.communities.name }).from(schema.communities);
    for (const name of [
      "沙柳北路社区",
      "倚虹西里社区",
      "凤岐里社区",
      "曲溪中里社区",
      "远翠东里社区",
      "三盛里社区",
      "金奥国际社区",
      "源德里社区",
    ]) {
      expect(names.map((n) => n.name)).toContain(name);
    }
  });

  it("has the volume DEMO.md asks for", async () => {
    expect(await count(sql`select count(*) as n from organisations`)).toBeGreaterThanOrEqual(30);
    expect(await count(sql`select count(distinct type) as n from organisations`)).toBe(orgTypes.length);
    expect(await count(sql`select count(*) as n from organisations where type = 'volunteer_team'`)).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*) as n from offers`)).toBeGreaterThanOrEqual(80);
    expect(await count(sql`select count(*) as n from needs`)).toBeGreaterThanOrEqual(120);
    expect(await count(sql`select count(distinct user_id) as n from memberships where role = 'volunteer'`)).toBeGreaterThanOrEqual(200);
    expect(await count(sql`select count(*) as n from activities`)).toBeGreaterThanOrEqual(60);
    expect(await count(sql`select count(*) as n from hour_entries`)).toBeGreaterThanOrEqual(2000);
    expect(await count(sql`select count(*) as n from agreements`)).toBeGreaterThan(10);
    expect(await count(sql`select count(*) as n from needs where kind = 'project'`)).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*) as n from need_items`)).toBeGreaterThanOrEqual(9);
  });

  it("covers every lifecycle state, with at least 10 published needs", async () => {
    const rows = await db().execute<{ status: string; n: string }>(sql`select status, count(*) as n from needs group by status`);
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    for (const status of schema.needStatuses) expect(byStatus[status] ?? 0).toBeGreaterThan(0);
    expect(byStatus.published).toBeGreaterThanOrEqual(10);
  });

  it("keeps its claims consistent with the wishes' states", async () => {
    // Every claimed/fulfilled/completed wish (not project) has exactly one claim holding it, in the matching state.
    const mismatched = await count(sql`
      select count(*) as n from needs n
      where n.kind <> 'project' and n.status in ('claimed', 'fulfilled', 'completed')
        and not exists (select 1 from claims c where c.need_id = n.id and c.item_id is null
          and c.status = case n.status when 'claimed' then 'active'::claim_status else n.status::text::claim_status end)`);
    expect(mismatched).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from claims c join needs n on n.id = c.need_id where c.status = 'active' and n.status = 'published' and c.item_id is null`,
      ),
    ).toBe(0);
  });

  it("spreads hours over the last 12 months, approved, pending, rejected and corrected", async () => {
    const [row] = await db().execute<{ oldest: Date; newest: Date }>(
      sql`select min(starts_at) as oldest, max(starts_at) as newest from hour_entries`,
    );
    const now = new Date("2026-11-23T04:00:00Z").getTime();
    expect(now - new Date(row!.oldest).getTime()).toBeLessThanOrEqual(366 * 86_400_000);
    expect(now - new Date(row!.newest).getTime()).toBeLessThan(30 * 86_400_000);
    expect(
      await count(
        sql`select count(*) as n from hour_entries e where not exists (select 1 from hour_entry_reviews r where r.hour_entry_id = e.id)`,
      ),
    ).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from hour_entry_reviews where decision = 'rejected'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from hour_entries where kind = 'reversal'`)).toBeGreaterThan(0);
  });

  it("creates every demo login with its role and scope", async () => {
    const expectations: [string, string, string | null][] = [
      ["admin@demo.linli.local", "platform_admin", null],
      ["jiedao@demo.linli.local", "street_admin", "东新街道"],
      ["shequ@demo.linli.local", "community_staff", "沙柳北路社区"],
      ["shequ2@demo.linli.local", "community_staff", "三盛里社区"],
      ["jumin@demo.linli.local", "resident", "沙柳北路社区"],
      ["jumin2@demo.linli.local", "resident", "沙柳北路社区"],
      ["yinhang@demo.linli.local", "org_admin", "bank"],
      ["yiyuan@demo.linli.local", "org_admin", "hospital"],
      ["qiye@demo.linli.local", "org_admin", "company"],
      ["duizhang@demo.linli.local", "org_admin", "volunteer_team"],
      ["zhiyuanzhe@demo.linli.local", "volunteer", null],
      ["partner01@demo.linli.local", "org_admin", null],
      ["partner20@demo.linli.local", "org_admin", null],
    ];
    for (const [login, role, scope] of expectations) {
      const rows = await db().execute<{ role: string; place: string | null; org_type: string | null; password_hash: string | null }>(sql`
        select m.role, coalesce(c.name, s.name) as place, o.type as org_type, u.password_hash
        from users u join memberships m on m.user_id = u.id
        left join communities c on c.id = m.community_id left join streets s on s.id = m.street_id
        left join organisations o on o.id = m.organisation_id
        where lower(u.email) = ${login}`);
      const membership = rows.find((r) => r.role === role);
      expect(membership, `${login} is ${role}`).toBeDefined();
      if (scope) expect([membership!.place, membership!.org_type]).toContain(scope);
      expect(membership!.password_hash).toBe(TEST_PASSWORD_HASH);
    }
    const [phoneUser] = await db().execute<{
      email: string | null;
      created_by_user_id: string | null;
      consent_recorded_at: Date | null;
      role: string;
    }>(sql`
      select u.email, u.created_by_user_id, u.consent_recorded_at, m.role from users u join memberships m on m.user_id = u.id where u.phone = '13800000001'`);
    expect(phoneUser).toMatchObject({ email: null, role: "resident", created_by_user_id: demoId("user:shequ") });
    expect(phoneUser!.consent_recorded_at).not.toBeNull();
  });

  it("gives the bank an active agreement with 沙柳北路社区", async () => {
    const rows = await db().execute<{ status: string }>(sql`
      select a.status from agreements a join memberships m on m.organisation_id = a.organisation_id
      join users u on u.id = m.user_id join communities c on c.id = a.community_id
      where u.email = 'yinhang@demo.linli.local' and c.name = '沙柳北路社区'`);
    expect(rows.map((r) => r.status)).toContain("active");
  });

  it("refuses to seed twice", async () => {
    await expect(seedDemo()).rejects.toThrow(/already holds the demo data/);
  });

  it("is deterministic, and refuses a database with someone's real data", async () => {
    const adminUrl = inject("adminDatabaseUrl");
    const template = inject("templateDatabase");
    const name = `linli_t_${inject("runId")}_seedcopy_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const other = postgres(url.toString(), { max: 2, onnotice: () => {} });
    try {
      const otherDb = drizzle(other, { schema });
      await seedDemoData(otherDb, { passwordHash: TEST_PASSWORD_HASH, now: SEED_NOW });
      expect(await digest(otherDb)).toBe(await digest(db()));

      await other`update users set is_demo = false where email = 'jumin@demo.linli.local'`;
      expect(await databaseState(otherDb)).toBe("other");
      await expect(seedDemoData(otherDb, { passwordHash: TEST_PASSWORD_HASH })).rejects.toThrow(/non-demo data/);
    } finally {
      await other.end();
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });

  it("dates nothing that already happened after the moment it runs", async () => {
    const at = SEED_NOW.toISOString();
    const future = await db().execute<{ what: string; n: string }>(sql`
      select 'need' as what, count(*) as n from needs
        where created_at > ${at} or updated_at > ${at} or published_at > ${at} or completed_at > ${at}
      union all select 'claim', count(*) from claims where claimed_at > ${at} or fulfilled_at > ${at} or completed_at > ${at} or ended_at > ${at}
      union all select 'audit', count(*) from audit_events where created_at > ${at}
      union all select 'signup', count(*) from activity_signups where created_at > ${at}
      union all select 'activity', count(*) from activities where created_at > ${at}
      union all select 'attendance', count(*) from attendances where check_in_at > ${at} or check_out_at > ${at}
      union all select 'hour entry', count(*) from hour_entries where created_at > ${at} or ends_at > ${at}
      union all select 'review', count(*) from hour_entry_reviews where reviewed_at > ${at}`);
    expect(Object.fromEntries(future.map((r) => [r.what, Number(r.n)]))).toEqual({
      need: 0,
      claim: 0,
      audit: 0,
      signup: 0,
      activity: 0,
      attendance: 0,
      "hour entry": 0,
      review: 0,
    });
    // The demo still has a future: upcoming activities to sign up for.
    expect(await count(sql`select count(*) as n from activities where starts_at > ${at}`)).toBeGreaterThan(5);
  });

  it("keeps every history in order, and creates no claim that is already overdue", async () => {
    const at = SEED_NOW.toISOString();
    expect(await count(sql`select count(*) as n from needs where published_at < created_at or completed_at < published_at`)).toBe(0);
    expect(
      await count(sql`select count(*) as n from claims c join needs n on n.id = c.need_id
        where c.claimed_at < n.published_at or c.fulfilled_at < c.claimed_at or c.completed_at < c.fulfilled_at
           or c.ended_at < c.claimed_at or c.due_at <= c.claimed_at`),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from audit_events a join needs n on n.id = a.subject_id where a.created_at < n.created_at`),
    ).toBe(0);
    // The audit trail of each wish tells its steps in the order they happened.
    const order = ["need.create", "need.submit", "need.approve", "need.claim", "need.fulfil", "need.confirm"];
    const trails = await db().execute<{ subject_id: string; actions: string[] }>(sql`
      select subject_id, array_agg(action order by created_at, id) as actions from audit_events
      where action in ('need.create', 'need.submit', 'need.approve', 'need.claim', 'need.fulfil', 'need.confirm')
      group by subject_id`);
    expect(trails.length).toBeGreaterThan(50);
    for (const trail of trails) {
      const steps = trail.actions.map((a) => order.indexOf(a));
      expect(steps, trail.subject_id).toEqual([...steps].sort((x, y) => x - y));
    }
    expect(await count(sql`select count(*) as n from claims where status = 'active' and due_at <= ${at}`)).toBe(0);
    expect(await count(sql`select count(*) as n from claims where status = 'active'`)).toBeGreaterThan(2);
  });
});
