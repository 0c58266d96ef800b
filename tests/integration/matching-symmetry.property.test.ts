// Both directions of the matcher agree, over the labelled dev set loaded into the app's own tables
// (as match:eval loads it): when offer O is in need N's list, N is in O's list with the same score,
// and every need in O's list has O in its own list. Also after offers are paused and resumed.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { matchNeedsForOffer, matchOffersForNeed, NEED_LIST_LENGTH } from "~/modules/matching/matches.server";
import { ORGANISATION_KEPT, processSuggestionQueue } from "~/modules/suggestions/suggestions.server";
import { drainOutbox, outboxLag } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { DatasetNeed, DatasetOffer, loadDataset, readDataset } from "../../scripts/lib/match-dataset";

// The dev set lives in shared/ beside the checkout (LINLI_MATCH_DATA names another copy); where there is
// no shared/ folder (a CI machine), the copy in tests/fixtures/match-dev is used.
const sharedDevSet = path.resolve(__dirname, "../../../shared/data/match-dev");
const devSet =
  process.env.LINLI_MATCH_DATA ?? (fs.existsSync(sharedDevSet) ? sharedDevSet : path.resolve(__dirname, "../fixtures/match-dev"));
/** Long enough that an offer's list is never cut (checked below), so "N is in O's list" means something. */
const OFFER_LIST = 50;

let needIds: string[] = [];
let offerIds: string[] = [];

beforeAll(async () => {
  const offers = readDataset(path.join(devSet, "offers.json"), DatasetOffer);
  const needs = readDataset(path.join(devSet, "needs.json"), DatasetNeed);
  const loaded = await loadDataset(offers, needs);
  needIds = [...loaded.needIds.values()];
  offerIds = [...loaded.offerIds.values()];
  await ensureIndexes();
  await drainOutbox();
  expect(await outboxLag()).toBe(0);
});

async function bothDirections() {
  const needLists = new Map<string, { id: string; score: number }[]>();
  for (const id of needIds) needLists.set(id, (await matchOffersForNeed(id)).items);
  const offerLists = new Map<string, { id: string; score: number }[]>();
  for (const id of offerIds) offerLists.set(id, (await matchNeedsForOffer(id, { limit: OFFER_LIST })).items);
  return { needLists, offerLists };
}

/** Asserts the agreement; returns how many need–offer pairs were listed. */
function expectAgreement({ needLists, offerLists }: Awaited<ReturnType<typeof bothDirections>>): number {
  let pairs = 0;
  for (const [needId, offers] of needLists) {
    expect(offers.length).toBeLessThanOrEqual(NEED_LIST_LENGTH);
    for (const offer of offers) {
      const back = offerLists.get(offer.id)?.find((n) => n.id === needId);
      expect(back, `need ${needId} lists offer ${offer.id}, which does not list it`).toBeDefined();
      expect(back!.score).toBe(offer.score);
      pairs++;
    }
  }
  for (const [offerId, needs] of offerLists) {
    expect(needs.length).toBeLessThan(OFFER_LIST);
    for (const need of needs)
      expect(
        needLists.get(need.id)?.some((o) => o.id === offerId),
        `offer ${offerId} lists need ${need.id}, which does not list it`,
      ).toBe(true);
    // Best first.
    const scores = needs.map((n) => n.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  }
  expect(offerLists.size).toBe(offerIds.length);
  return pairs;
}

let current: Promise<Awaited<ReturnType<typeof bothDirections>>> | null = null;
/** Both directions for the set as loaded (computed once for the first two tests). */
const asLoaded = () => (current ??= bothDirections());

describe("need → offers and offer → needs over the dev set", () => {
  it("agree for every need and every offer", async () => {
    const lists = await asLoaded();
    const pairs = expectAgreement(lists);
    // Not vacuous: most needs of the set have a match, and so do many offers.
    expect(pairs).toBeGreaterThan(needIds.length / 2);
    expect([...lists.offerLists.values()].filter((l) => l.length > 0).length).toBeGreaterThan(offerIds.length / 3);
  });

  it("agree with each organisation's stored dashboard list: every need it suggests lists one of its offers", async () => {
    // As the relay computes them after a load: the needs' lists, then each organisation's, read off those.
    const { failed } = await processSuggestionQueue({ max: 10_000 });
    expect(failed).toBe(0);
    const orgs = await db().execute<{ organisation_id: string; ids: string[] }>(
      sql`select organisation_id, array_agg(id::text) as ids from offers where active group by organisation_id`,
    );
    const { needLists, offerLists } = await asLoaded();
    let suggested = 0;
    for (const org of orgs) {
      const [row] = await db().execute<{ items: { id: string; offerId: string; score: number }[] }>(
        sql`select items from suggestions where subject_type = 'organisation' and subject_id = ${org.organisation_id}`,
      );
      expect(row, `organisation ${org.organisation_id} was never computed`).toBeDefined();
      const expected = new Set<string>();
      for (const id of org.ids) for (const need of offerLists.get(id)!) expected.add(need.id);
      const stored = row!.items;
      expect(stored.length).toBe(Math.min(expected.size, ORGANISATION_KEPT));
      for (const need of stored) {
        expect(expected.has(need.id)).toBe(true);
        expect(org.ids).toContain(need.offerId);
        const own = needLists.get(need.id)!.find((o) => o.id === need.offerId);
        expect(own, `need ${need.id} does not list ${need.offerId}`).toBeDefined();
        expect(need.score).toBe(own!.score);
      }
      suggested += stored.length;
    }
    expect(suggested).toBeGreaterThan(0);
  });

  it("still agree after any offers are paused (through the outbox), and once they are back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(offerIds, { minLength: 1, maxLength: 12 }), async (paused) => {
        await db().execute(sql`update offers set active = false where id = any(${sql.param(paused)}::uuid[])`);
        await db().execute(sql`insert into search_outbox (entity, entity_id) select 'offer', unnest(${sql.param(paused)}::uuid[])`);
        await drainOutbox();
        try {
          const lists = await bothDirections();
          expectAgreement(lists);
          for (const id of paused) expect(lists.offerLists.get(id)).toEqual([]);
          for (const offers of lists.needLists.values()) for (const o of offers) expect(paused).not.toContain(o.id);
        } finally {
          await db().execute(sql`update offers set active = true where id = any(${sql.param(paused)}::uuid[])`);
          await db().execute(sql`insert into search_outbox (entity, entity_id) select 'offer', unnest(${sql.param(paused)}::uuid[])`);
          await drainOutbox();
        }
      }),
      { numRuns: 2, seed: 20261202 },
    );
    // And once they are all back. (Not necessarily the very lists as loaded: a common term keeps its
    // PER_TERM best hits, and equal hits come in the index's internal order, which re-indexing changes.)
    expectAgreement(await bothDirections());
  }, 240_000);
});
