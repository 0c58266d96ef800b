// Suggestions as data: a wish's "partners who might help" and an organisation's "needs that fit us",
// computed in the background by the matcher (app/modules/matching/matches.server.ts, called as it
// is) and kept in the suggestions table, so the pages read them. Needs and offers sent to search are
// queued (a trigger on search_outbox) and recomputed once the index holds their change; a changed
// list queues the organisations it touches. While search is down a recomputation fails and is
// retried: the pages keep showing the last value; one never computed shows "temporarily unavailable".
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { createI18n, type Locale } from "~/lib/i18n";
import type { Viewer } from "~/modules/accounts/accounts.policy";
import {
  matchOffersForNeed,
  NEED_LIST_LENGTH,
  openNeedsInReach,
  reasonsText,
  type MatchExplanation,
  type MatchPanel,
  type OfferMatch,
  type OrganisationNeedMatch,
} from "~/modules/matching/matches.server";
import { placeOfNeed, placeOfOffer } from "~/modules/matching/matcher.server";
import { canSeeNeedMatches } from "~/modules/matching/matching.policy";
import { getOffersByIds } from "~/modules/offers/offers.server";
import { getPublicNeedsByIds } from "~/modules/needs/needs.server";

type SubjectType = "need" | "offer" | "organisation";
interface StoredOffer {
  id: string;
  score: number;
  explanation: MatchExplanation;
}
interface StoredNeed extends StoredOffer {
  offerId: string;
}

/** How many of an organisation's suggestions are kept (the page shows 10 of those still open). */
export const ORGANISATION_KEPT = 30;
const WISH_SHOWN = 5;
/** More offers queued than this are recomputed through every need and organisation instead. */
const OFFER_FLOOD = 50;
const ORGANISATION_SHOWN = 10;

async function stored<T>(type: SubjectType, id: string): Promise<T[] | null> {
  const [row] = await db().execute<{ items: T[] }>(sql`select items from suggestions where subject_type = ${type} and subject_id = ${id}`);
  return row ? row.items : null;
}

async function store(type: SubjectType, id: string, items: unknown[]) {
  await db().execute(sql`
    insert into suggestions (subject_type, subject_id, items, computed_at)
    values (${type}, ${id}, ${JSON.stringify(items)}::jsonb, linli_now())
    on conflict (subject_type, subject_id) do update set items = excluded.items, computed_at = excluded.computed_at`);
}

async function queue(type: SubjectType, ids: Iterable<string>) {
  const list = [...new Set(ids)];
  if (!list.length) return;
  await db().execute(sql`
    insert into suggestion_queue (subject_type, subject_id)
    select ${type}, unnest(${sql.param(list)}::uuid[])
    on conflict (subject_type, subject_id) do update set available_at = least(suggestion_queue.available_at, linli_now()), attempts = 0`);
}

async function organisationsOfOffers(offerIds: string[]): Promise<string[]> {
  if (!offerIds.length) return [];
  const rows = await db().execute<{ id: string }>(
    sql`select distinct organisation_id as id from offers where id = any(${sql.param(offerIds)}::uuid[])`,
  );
  return rows.map((r) => r.id);
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found";

/** A need's list of offers, as "who could fulfil this?" ranks it; the organisations it gained or lost are queued. */
async function recomputeNeed(needId: string) {
  const before = (await stored<StoredOffer>("need", needId)) ?? [];
  let after: StoredOffer[] = [];
  try {
    const { items } = await matchOffersForNeed(needId, { limit: NEED_LIST_LENGTH });
    after = items.map(({ id, score, explanation }) => ({ id, score, explanation }));
    await store("need", needId, after);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await db().execute(sql`delete from suggestions where subject_type = 'need' and subject_id = ${needId}`);
  }
  const key = (list: StoredOffer[]) => JSON.stringify(list.map((o) => [o.id, o.score]));
  // Every change to a need (published, edited, closed) can change who it suits.
  if (key(before) !== key(after) || before.length || after.length)
    await queue("organisation", await organisationsOfOffers([...before, ...after].map((o) => o.id)));
}

/**
 * An offer changed: its organisation, every need whose list held it, and every open need whose list
 * could hold it now (those in its reach; each need's own ranking decides, once, when it is recomputed).
 */
async function recomputeOffer(offerId: string) {
  await queue("organisation", await organisationsOfOffers([offerId]));
  const held = await db().execute<{ id: string }>(sql`
    select subject_id as id from suggestions
    where subject_type = 'need' and items @> ${JSON.stringify([{ id: offerId }])}::jsonb`);
  const located = await placeOfOffer(offerId);
  await queue("need", [...held.map((r) => r.id), ...(located ? await openNeedsInReach(located.place) : [])]);
}

/**
 * An organisation's "needs that fit us", read off the needs' stored lists: the published needs whose
 * list holds one of its active offers, each with its best-placed offer (score, then place in the list).
 * Both directions agree by construction, and no need is ranked again here. Open needs in reach whose
 * list was never computed (a fresh database, a first read) are computed first.
 */
async function recomputeOrganisation(organisationId: string) {
  const offers = await db().execute<{ id: string }>(sql`select id from offers where organisation_id = ${organisationId} and active`);
  const offerIds = offers.map((o) => o.id);
  const places = (await Promise.all(offerIds.map(placeOfOffer))).flatMap((l) => (l ? [l.place] : []));
  const inReach = [...new Set((await Promise.all(places.map(openNeedsInReach))).flat())];
  if (inReach.length) {
    const computed = await db().execute<{ id: string }>(sql`
      select subject_id as id from suggestions where subject_type = 'need' and subject_id = any(${sql.param(inReach)}::uuid[])`);
    const known = new Set(computed.map((r) => r.id));
    for (const needId of inReach) if (!known.has(needId)) await recomputeNeed(needId);
  }
  const rows = offerIds.length
    ? await db().execute<{ need_id: string; position: number; item: StoredOffer }>(sql`
        select s.subject_id as need_id, (e.ord - 1)::int as position, e.item
        from suggestions s
        join needs n on n.id = s.subject_id and n.status = 'published'
        cross join lateral jsonb_array_elements(s.items) with ordinality as e(item, ord)
        where s.subject_type = 'need' and e.item->>'id' = any(${sql.param(offerIds)}::text[])`)
    : [];
  const best = new Map<string, { position: number; item: StoredOffer }>();
  for (const { need_id, position, item } of rows) {
    const known = best.get(need_id);
    if (!known || item.score > known.item.score || (item.score === known.item.score && position < known.position))
      best.set(need_id, { position, item });
  }
  const items: StoredNeed[] = [...best.entries()]
    .sort(([a, x], [b, y]) => y.item.score - x.item.score || x.position - y.position || a.localeCompare(b))
    .slice(0, ORGANISATION_KEPT)
    // The need's reasons for the offer, less the offer's own capacity (its organisation knows it).
    .map(([needId, { item }]) => ({ id: needId, offerId: item.id, score: item.score, explanation: { ...item.explanation, capacityLeft: undefined } }));
  await store("organisation", organisationId, items);
}

const recompute: Record<SubjectType, (id: string) => Promise<void>> = {
  need: recomputeNeed,
  offer: recomputeOffer,
  organisation: recomputeOrganisation,
};

/** Recomputes one subject now, outside the queue (scripts and tests; what it changes is queued as usual). */
export function refreshSuggestions(type: SubjectType, id: string): Promise<void> {
  return recompute[type](id);
}

/**
 * The next entry to recompute. Its order is suggestion_queue_due_idx (migration 0014), so it is read
 * off the index, not sorted out of the whole queue each time. A need or offer waits for its own change
 * to reach search; an organisation (whose list reads every need) waits while any change is on its way
 * for the first time, so after a seed or bulk load it is computed once, on the filled index.
 */
export const nextDueEntry = sql`
  select subject_type, subject_id from suggestion_queue s
  where s.available_at <= linli_now()
    and not exists (select 1 from search_outbox o where o.entity::text = s.subject_type and o.entity_id = s.subject_id)
    and (s.subject_type <> 'organisation' or not exists (select 1 from search_outbox o where o.available_at <= linli_now() and o.attempts = 0))
  order by case s.subject_type when 'offer' then 0 when 'need' then 1 else 2 end, s.available_at
  limit 1 for update skip locked`;

/**
 * Recomputes what is queued and due, offers and needs before organisations; an entry whose change is
 * still in the search outbox waits for it. Each entry is leased (its available_at moved on) rather than
 * locked, so a write queuing it again never waits for the matcher; a lease whose entry was queued again
 * meanwhile is not deleted, and the entry runs again. Safe on several processes at once.
 */
/**
 * How long a leased entry is left to its processor. A recomputation takes well under a second; a lease
 * that outlives it (its process lost mid-way) is taken up again soon. Running one twice is harmless.
 */
const LEASE = sql`interval '20 seconds'`;

export async function processSuggestionQueue({ max = 1000, log }: { max?: number; log?: (m: string) => void } = {}) {
  await collapseOfferFlood();
  let done = 0;
  let failed = 0;
  while (done + failed < max) {
    // The due entry is chosen once (a materialised CTE). As a subquery joined to the queue it could be
    // planned as the inner side of a nested loop when the queue's statistics say it is nearly empty
    // (after autovacuum analysed it so): rescanned for every row, its LIMIT 1 skipped the rows this
    // statement had just leased and returned the next, so one statement leased every due entry while
    // only the first was processed. The rest stayed leased (clean-clone CI, sessions 14–16).
    const [entry] = await db().execute<{ subject_type: SubjectType; subject_id: string; available_at: string; attempts: number }>(sql`
      with due as materialized (${nextDueEntry})
      update suggestion_queue q set available_at = linli_now() + ${LEASE}, attempts = q.attempts + 1
      from due
      where q.subject_type = due.subject_type and q.subject_id = due.subject_id
      returning q.subject_type, q.subject_id, q.available_at::text, q.attempts`);
    if (!entry) break;
    try {
      await recompute[entry.subject_type](entry.subject_id);
      await db().execute(sql`
        delete from suggestion_queue
        where subject_type = ${entry.subject_type} and subject_id = ${entry.subject_id} and available_at = ${entry.available_at}::timestamptz`);
      done++;
    } catch (error) {
      failed++;
      // 2, 4, 8 … seconds, at most 30 (search coming back is noticed within half a minute).
      await db().execute(sql`
        update suggestion_queue set available_at = linli_now() + make_interval(secs => least(30, power(2, ${entry.attempts})))
        where subject_type = ${entry.subject_type} and subject_id = ${entry.subject_id} and available_at = ${entry.available_at}::timestamptz`);
      log?.(`suggestions: ${entry.subject_type} ${entry.subject_id}: ${error instanceof Error ? error.message : String(error)}`);
      // Search is down: the rest would fail the same way.
      if (error instanceof AppError && error.code === "unavailable") break;
    }
  }
  return { done, failed };
}

/**
 * Many offers changed at once (a bulk load): recomputing each offer's needs would compute every nearby
 * need's list once per offer. Every open need and every organisation once is a superset of what those
 * offers can change, and far cheaper.
 */
async function collapseOfferFlood() {
  const [due] = await db().execute<{ n: number }>(sql`
    select count(*)::int as n from suggestion_queue where subject_type = 'offer' and available_at <= linli_now()`);
  if ((due?.n ?? 0) <= OFFER_FLOOD) return;
  await db().transaction(async (tx) => {
    await tx.execute(sql`delete from suggestion_queue where subject_type = 'offer' and available_at <= linli_now()`);
    await tx.execute(sql`
      insert into suggestion_queue (subject_type, subject_id)
      select 'need', id from needs where status in ('pending_review', 'published')
      union all select 'organisation', id from organisations
      on conflict (subject_type, subject_id) do update set available_at = least(suggestion_queue.available_at, linli_now()), attempts = 0`);
  });
}

/** Queues every open need and every organisation never computed (after deploying onto an existing database: else they are queued as pages ask for them). */
export async function queueMissingSuggestions() {
  await db().execute(sql`
    insert into suggestion_queue (subject_type, subject_id)
    select 'need', n.id from needs n
    where n.status in ('pending_review', 'published')
      and not exists (select 1 from suggestions s where s.subject_type = 'need' and s.subject_id = n.id)
    union all
    select 'organisation', o.id from organisations o
    where not exists (select 1 from suggestions s where s.subject_type = 'organisation' and s.subject_id = o.id)
    on conflict do nothing`);
}

/** Runs the queue in this process every `pollMs` (the leader's job loop starts it). */
export function startSuggestionRelay({ pollMs = 1000, log = (m: string) => console.log(m) } = {}): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = processSuggestionQueue({ log })
      .catch((error: unknown) => log(`suggestions: ${String(error)}`))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/**
 * Never computed (a wish just posted, a database from before suggestions): computed now, once, so a fresh
 * wish shows its partners as it did before suggestions were data; while search is down, queued and
 * "unavailable" meanwhile.
 */
/** The list as last computed, or computed now when it never was (null while the search engine is down). */
async function storedOrComputed<T>(type: SubjectType, id: string): Promise<T[] | null> {
  return (await stored<T>(type, id)) ?? (await computeFirst<T>(type, id));
}

async function computeFirst<T>(type: SubjectType, id: string): Promise<T[] | null> {
  try {
    await recompute[type](id);
    return await stored<T>(type, id);
  } catch {
    // Search down (or the computation failed): the relay retries it; the page says "unavailable" as before.
    await db().execute(sql`insert into suggestion_queue (subject_type, subject_id) values (${type}, ${id}) on conflict do nothing`);
    return null;
  }
}

/** The wish page's "partners who might help", as last computed: for its poster and the community's staff, while it is open. */
/**
 * The offers the matcher found for a case, best first, as last computed (ids only, nothing shown): which of a
 * claimer's own offers its claim most likely draws on. Empty while the search engine is down.
 */
export async function matchedOfferIds(needId: string): Promise<string[]> {
  const items = await storedOrComputed<StoredOffer>("need", needId);
  return items?.map((item) => item.id) ?? [];
}

export async function suggestedPartnersForWish(
  viewer: Viewer | null,
  needId: string,
  status: string,
  locale: Locale,
): Promise<MatchPanel<OfferMatch> | null> {
  if (!viewer || !["pending_review", "published"].includes(status)) return null;
  const located = await placeOfNeed(needId);
  // For anyone else the section is simply not there.
  if (!located || !canSeeNeedMatches(viewer, located.access)) return null;
  const items = await storedOrComputed<StoredOffer>("need", needId);
  if (!items) return { state: "unavailable" };
  const rows = new Map((await getOffersByIds(items.map((i) => i.id))).map((o) => [o.id, o]));
  const t = createI18n(locale).t;
  const shown: OfferMatch[] = [];
  for (const item of items) {
    const offer = rows.get(item.id);
    if (!offer?.active) continue;
    const explanation = { ...item.explanation, capacityLeft: offer.capacityLeft };
    shown.push({ ...offer, score: item.score, reasons: reasonsText(t, explanation), explanation });
  }
  return { state: "ok", items: shown.slice(0, WISH_SHOWN) };
}

/** The dashboard's "needs that fit us", as last computed, less the needs no longer open and the offers since paused. */
export async function suggestedNeedsForOrganisation(
  organisationId: string,
  offers: { id: string; title: string; active: boolean }[],
  locale: Locale,
): Promise<MatchPanel<OrganisationNeedMatch>> {
  const items = await storedOrComputed<StoredNeed>("organisation", organisationId);
  if (!items) return { state: "unavailable" };
  const active = new Map(offers.filter((o) => o.active).map((o) => [o.id, o]));
  const rows = new Map((await getPublicNeedsByIds(items.map((i) => i.id))).map((n) => [n.id, n]));
  const t = createI18n(locale).t;
  const shown: OrganisationNeedMatch[] = [];
  for (const item of items) {
    const need = rows.get(item.id);
    const offer = active.get(item.offerId);
    if (need?.status !== "published" || !offer) continue;
    const explanation = { ...item.explanation, capacityLeft: undefined };
    shown.push({
      ...need,
      score: item.score,
      reasons: reasonsText(t, explanation),
      explanation,
      offerId: offer.id,
      offerTitle: offer.title,
    });
  }
  return { state: "ok", items: shown.slice(0, ORGANISATION_SHOWN) };
}
