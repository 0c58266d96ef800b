// Suggestions as data (app/modules/suggestions): "needs that fit us" on /org and a wish's partners are
// read from the suggestions table, which the relay recomputes from the search outbox with the matcher.
import { sql, TransactionRollbackError } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { drainOutbox } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { nextDueEntry, processSuggestionQueue, queueMissingSuggestions, refreshSuggestions } from "~/modules/suggestions/suggestions.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;
let bankId = "";
let fraudTalk = "";
let communityId = "";

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  return c;
}

/** The 适合我们的需求 panel on /org: its wish ids, or "unavailable". */
async function dashboardPanel(client: Client): Promise<string[] | "unavailable"> {
  const res = await client.get("/org");
  expect(res.status).toBe(200);
  const html = await res.text();
  const section = html.slice(html.indexOf('data-testid="needs-for-us"'));
  const panel = section.slice(0, section.indexOf("</section>"));
  if (panel.includes("匹配功能暂时不可用")) return "unavailable";
  return [...panel.matchAll(/href="\/wishes\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

/** What the table holds for the bank: each suggested need with the offer it was suggested for. */
async function storedForBank(): Promise<{ id: string; offerId: string }[]> {
  const [row] = await db().execute<{ items: { id: string; offerId: string }[] }>(
    sql`select items from suggestions where subject_type = 'organisation' and subject_id = ${bankId}`,
  );
  return row?.items ?? [];
}

/** For a test that waits for the relay: its 45 s, and a drain already waiting on Meilisearch (30 s per index). */
const RELAY_TEST = { timeout: 120_000 };

/**
 * The background relays until they settle: the outbox sent and the suggestion queue empty. One pass
 * is not always enough under load — a search batch that times out backs off, and a subject waits
 * while its own change is still on its way to the index — so this goes on for up to 45 s, as the
 * relays running every second would. A computation that keeps failing never settles.
 */
async function relay() {
  const total = { done: 0, failed: 0, settled: false, left: [] as unknown[] };
  // Generous: under the whole suite on two cores, Meilisearch's task queue (shared by every test file)
  // can hold the outbox back for a while; what is under test is where the relay ends, not how fast.
  // Well inside the test's own timeout, so that a relay that never settles fails with what is left.
  const until = Date.now() + 45_000;
  for (;;) {
    await drainOutbox();
    const { done, failed } = await processSuggestionQueue();
    total.done += done;
    total.failed += failed;
    total.left = [
      ...(await db().execute(
        sql`select 'outbox' as at, entity::text as type, entity_id as id, attempts, available_at::text, last_error, linli_now()::text as now from search_outbox`,
      )),
      ...(await db().execute(
        sql`select 'queue' as at, subject_type as type, subject_id as id, attempts, available_at::text, linli_now()::text as now from suggestion_queue`,
      )),
    ];
    total.settled = !total.left.length;
    if (total.settled || Date.now() > until) return total;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer({ pageCache: false });
  await ensureIndexes();
  await drainOutbox();
  const [bank] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'yinhang@demo.linli.local'`,
  );
  bankId = bank!.id;
  const [talk] = await db().execute<{ id: string }>(
    sql`select id from offers where organisation_id = ${bankId} and title = '防范电信诈骗宣传'`,
  );
  fraudTalk = talk!.id;
  const [community] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  communityId = community!.id;
});
afterAll(() => server.close());

describe("suggestions kept as data", () => {
  it("computes a never-computed list on its first read, then what the matcher found is stored", async () => {
    const bank = await as("yinhang");
    // The seed's outbox queued every need and offer; nothing has been computed yet: the first read computes it.
    expect(await dashboardPanel(bank)).not.toBe("unavailable");
    expect((await storedForBank()).length).toBeGreaterThan(0);
    await queueMissingSuggestions();
    const { done, failed } = await processSuggestionQueue();
    expect(failed).toBe(0);
    expect(done).toBeGreaterThan(0);
    const [queued] = await db().execute<{ n: string }>(sql`select count(*)::text as n from suggestion_queue`);
    expect(Number(queued!.n)).toBe(0);
    const shown = await dashboardPanel(bank);
    expect(shown).not.toBe("unavailable");
    const [fraudWish] = await db().execute<{ id: string }>(sql`
      select id from needs where title = '想学学怎么防电话诈骗' and status = 'published' and community_id = ${communityId} limit 1`);
    expect(shown).toContain(fraudWish!.id);
  });

  it("a published need appears in the right offer's suggestions after the relay runs", RELAY_TEST, async () => {
    const resident = await as("jumin");
    const created = await resident.post("/api/needs", {
      kind: "micro_wish",
      title: "请人讲讲怎么识别电话诈骗",
      description: "老人常接到冒充公检法的诈骗电话，想请人来社区讲讲怎么防范电信诈骗。",
      communityId,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const staff = await as("shequ");
    expect((await staff.post(`/api/needs/${id}/transitions`, { action: "approve" })).status).toBe(200);

    // A read, not a computation: nothing changes until the relay has run.
    const bank = await as("yinhang");
    expect(await dashboardPanel(bank)).not.toContain(id);
    expect((await storedForBank()).map((s) => s.id)).not.toContain(id);

    expect(await relay()).toMatchObject({ settled: true, left: [] });
    expect(await storedForBank()).toContainEqual(expect.objectContaining({ id, offerId: fraudTalk }));
    expect(await dashboardPanel(bank)).toContain(id);
    // The wish's own partners: the bank's talk among them, for its poster.
    const [wish] = await db().execute<{ items: { id: string }[] }>(
      sql`select items from suggestions where subject_type = 'need' and subject_id = ${id}`,
    );
    expect(wish!.items.map((o) => o.id)).toContain(fraudTalk);
    const page = await (await resident.get(`/wishes/${id}`)).text();
    const start = page.indexOf('data-testid="partners-for-wish"');
    expect(start).toBeGreaterThanOrEqual(0);
    const partners = page.slice(start, page.indexOf("</section>", start));
    expect(partners).toContain("防范电信诈骗宣传");
  });

  it("keeps the last value while search is down", async () => {
    const before = await storedForBank();
    expect(before.length).toBeGreaterThan(0);
    const meiliUrl = process.env.MEILI_URL;
    process.env.MEILI_URL = "http://127.0.0.1:9"; // nothing listens there
    resetEnvCache();
    try {
      // A need's list needs search; the bank's is read off the needs' stored lists, so it can wait.
      await db().execute(sql`
        insert into suggestion_queue (subject_type, subject_id)
        select 'need', id from needs where status = 'published' and community_id = ${communityId}
        union all select 'organisation', ${bankId}::uuid
        on conflict do nothing`);
      const result = await processSuggestionQueue();
      expect(result.failed).toBeGreaterThan(0);
      expect(await storedForBank()).toEqual(before);
      // The bank's own list needs no search: recomputed now, it is what the needs' lists say.
      await refreshSuggestions("organisation", bankId);
      expect(await storedForBank()).toEqual(before);
      const shown = await dashboardPanel(await as("yinhang"));
      expect(shown).not.toBe("unavailable");
      expect(shown.length).toBeGreaterThan(0);
    } finally {
      process.env.MEILI_URL = meiliUrl;
      resetEnvCache();
    }
    // Back up: the entry waits out its back-off, then runs.
    await db().execute(sql`update suggestion_queue set available_at = linli_now()`);
    expect((await processSuggestionQueue()).failed).toBe(0);
  });

  it("pausing an offer removes it from the suggestions", RELAY_TEST, async () => {
    const bank = await as("yinhang");
    const forTalk = (await storedForBank()).filter((s) => s.offerId === fraudTalk).map((s) => s.id);
    expect(forTalk.length).toBeGreaterThan(0);
    expect((await bank.patch(`/api/offers/${fraudTalk}`, { active: false })).status).toBe(200);
    // The page stops showing what only the paused offer suggested at once (it reads the offer's state) …
    const shown = await dashboardPanel(bank);
    expect(shown).not.toBe("unavailable");
    for (const id of forTalk) expect(shown).not.toContain(id);
    // … and after the relay the table no longer holds the offer anywhere.
    expect(await relay()).toMatchObject({ settled: true, left: [] });
    expect((await storedForBank()).map((s) => s.offerId)).not.toContain(fraudTalk);
    const holding = await db().execute(
      sql`select subject_id from suggestions where subject_type = 'need' and items @> ${JSON.stringify([{ id: fraudTalk }])}::jsonb`,
    );
    expect(holding.length).toBe(0);
  });
});

describe("the relay's queue after a bulk load", () => {
  it("leaves organisations queued while the index is still being filled, then computes them", RELAY_TEST, async () => {
    expect(await relay()).toMatchObject({ settled: true });
    const [need] = await db().execute<{ id: string }>(
      sql`select id from needs where status = 'published' and community_id = ${communityId} limit 1`,
    );
    // A change on its way to search (the seed's, at start-up, is every need and offer): an organisation's
    // list computed now would be computed against an index that does not hold it yet, and again later.
    await db().execute(sql`insert into search_outbox (entity, entity_id) values ('need', ${need!.id})`);
    await db().execute(
      sql`insert into suggestion_queue (subject_type, subject_id) values ('organisation', ${bankId}) on conflict do nothing`,
    );
    const queued = () => db().execute<{ type: string }>(sql`select subject_type as type from suggestion_queue order by 1`);
    expect((await processSuggestionQueue()).done).toBe(0);
    expect((await queued()).map((r) => r.type)).toEqual(["need", "organisation"]);
    await drainOutbox();
    expect(await processSuggestionQueue()).toMatchObject({ failed: 0 });
    expect(await queued()).toEqual([]);
  });

  it("finds the next due entry through its index, not by sorting the whole queue", async () => {
    // 20,000 queued needs (a bulk load), in a transaction rolled back: the plan, not the data, is under test.
    let plan = "";
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`
          insert into suggestion_queue (subject_type, subject_id, available_at)
          select 'need', gen_random_uuid(), linli_now() - make_interval(secs => g) from generate_series(1, 20000) g`);
        await tx.execute(sql`analyze suggestion_queue`);
        const rows = await tx.execute<{ "QUERY PLAN": string }>(sql`explain ${nextDueEntry}`);
        plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(plan).toMatch(/suggestion_queue_due_idx/);
    expect(plan).not.toMatch(/\bSort\b/);
    const [left] = await db().execute<{ n: number }>(sql`select count(*)::int as n from suggestion_queue`);
    expect(left!.n).toBeLessThan(20000);
  });

  it("leases one entry at a time, even when the queue's statistics say it is empty", async () => {
    // The plan that leased every due entry at once (the choice of the next entry rescanned as the inner
    // side of a nested loop): statistics of a near-empty queue and outbox, then a burst of entries
    // whose order on disk is their order of due.
    await drainOutbox();
    await db().execute(sql`delete from suggestion_queue`);
    await db().execute(sql`insert into suggestion_queue (subject_type, subject_id) values ('need', gen_random_uuid())`);
    await db().execute(sql`vacuum analyze suggestion_queue, search_outbox`);
    await db().execute(sql`
      insert into suggestion_queue (subject_type, subject_id, available_at)
      select 'need', gen_random_uuid(), linli_now() - make_interval(secs => 100 - g) from generate_series(1, 40) g`);
    try {
      // Needs that do not exist: each recomputation only clears a list, and the entry is released.
      expect(await processSuggestionQueue({ max: 1 })).toEqual({ done: 1, failed: 0 });
      const [counts] = await db().execute<{ leased: number; waiting: number }>(sql`
        select count(*) filter (where attempts > 0)::int as leased, count(*) filter (where attempts = 0)::int as waiting
        from suggestion_queue`);
      expect(counts).toEqual({ leased: 0, waiting: 40 });
      expect(await processSuggestionQueue()).toEqual({ done: 40, failed: 0 });
    } finally {
      await db().execute(sql`delete from suggestion_queue`);
      await db().execute(sql`analyze suggestion_queue`);
    }
  });
});
