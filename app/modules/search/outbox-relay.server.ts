// Drains the search outbox into Meilisearch. Rows are claimed with FOR UPDATE SKIP LOCKED (several
// relays never take the same row), merged per document, and each document is re-read from
// PostgreSQL and upserted — or deleted when it no longer exists or is no longer public — so a
// replayed or reordered event writes the same final state (idempotent). A failed batch stays in
// the outbox with attempts + 1 and an exponential back-off; nothing is lost while Meilisearch is down.
import { sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import { db, sqlClient } from "~/lib/db.server";
import { indexName, requireSucceeded, searchClient, type IndexBase } from "~/lib/search.server";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";
import { documentReaders, DOCUMENT_VOCABULARY } from "./search-documents.server";
import { ensureIndexes } from "./search-indexes.server";

/** Shared by every drain, taken exclusively by a full reindex so no change lands in an index being replaced. */
export const REINDEX_LOCK_KEY = 7_482_302;

const entityIndex: Record<string, IndexBase> = { offer: "offers", need: "needs", activity: "activities" };

export interface DrainResult {
  rows: number;
  upserted: number;
  deleted: number;
  failed: number;
  skipped?: "reindex_running";
}

/** One batch: claims due rows, syncs their documents, and deletes the rows — or schedules a retry. */
export async function drainOutboxOnce({ batchSize = 500, client = searchClient() }: { batchSize?: number; client?: Meilisearch } = {}) {
  return db().transaction(async (tx): Promise<DrainResult> => {
    const [lock] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock_shared(${REINDEX_LOCK_KEY}) as ok`);
    if (!lock?.ok) return { rows: 0, upserted: 0, deleted: 0, failed: 0, skipped: "reindex_running" };
    const rows = await tx.execute<{ id: number; entity: string; entity_id: string; attempts: number }>(sql`
      select id, entity, entity_id, attempts from search_outbox
      where available_at <= linli_now() order by id limit ${batchSize} for update skip locked`);
    if (!rows.length) return { rows: 0, upserted: 0, deleted: 0, failed: 0 };
    const idsByIndex = new Map<IndexBase, Set<string>>();
    for (const row of rows) {
      const base = entityIndex[row.entity]!;
      if (!idsByIndex.has(base)) idsByIndex.set(base, new Set());
      idsByIndex.get(base)!.add(row.entity_id);
    }
    const rowIds = rows.map((r) => r.id);
    try {
      let upserted = 0;
      let deleted = 0;
      for (const [base, idSet] of idsByIndex) {
        const ids = [...idSet];
        const documents = await documentReaders[base]({ ids });
        const present = new Set(documents.map((d) => d.id));
        const gone = ids.filter((id) => !present.has(id));
        const index = client.index(indexName(base));
        if (documents.length)
          requireSucceeded(await index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: 30_000 }), "document update");
        if (gone.length) requireSucceeded(await index.deleteDocuments(gone).waitTask({ timeout: 30_000 }), "document deletion");
        upserted += documents.length;
        deleted += gone.length;
      }
      await tx.execute(sql`delete from search_outbox where id = any(${sql.param(rowIds)}::bigint[])`);
      return { rows: rows.length, upserted, deleted, failed: 0 };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tx.execute(sql`
        update search_outbox
        set attempts = attempts + 1, last_error = ${message.slice(0, 500)},
            -- 1, 2, 4 … seconds, at most 30: a restarted Meilisearch is caught up within half a minute.
            available_at = linli_now() + make_interval(secs => least(30, power(2, attempts)))
        where id = any(${sql.param(rowIds)}::bigint[])`);
      return { rows: rows.length, upserted: 0, deleted: 0, failed: rows.length };
    }
  });
}

/** Drains until nothing is due (or a batch fails); returns what it did in all. */
export async function drainOutbox(options: { batchSize?: number; client?: Meilisearch } = {}): Promise<DrainResult> {
  const total: DrainResult = { rows: 0, upserted: 0, deleted: 0, failed: 0 };
  for (;;) {
    const result = await drainOutboxOnce(options);
    total.rows += result.rows;
    total.upserted += result.upserted;
    total.deleted += result.deleted;
    total.failed += result.failed;
    if (result.skipped) total.skipped = result.skipped;
    if (!result.rows || result.failed || result.skipped) return total;
  }
}

/**
 * Sends every offer and public need again when its index holds documents read with another
 * vocabulary (or none, from before documents carried concepts): they are re-read like any other
 * change. Returns how many were queued.
 */
export async function resendOutdatedDocuments(client: Meilisearch = searchClient()): Promise<number> {
  const outdated = async (base: IndexBase) =>
    !!(await client.index(indexName(base)).search("", { filter: `vocabulary != ${JSON.stringify(DOCUMENT_VOCABULARY)}`, limit: 0 }))
      .estimatedTotalHits;
  let queued = 0;
  if (await outdated("needs"))
    queued += (
      await db().execute(sql`
        insert into search_outbox (entity, entity_id)
        select 'need'::outbox_entity, id from needs where status = any(${sql.param([...publicNeedStatuses])}::need_status[])`)
    ).count;
  if (await outdated("offers"))
    queued += (await db().execute(sql`insert into search_outbox (entity, entity_id) select 'offer'::outbox_entity, id from offers`)).count;
  return queued;
}

export async function outboxLag(): Promise<number> {
  const [row] = await db().execute<{ n: string }>(sql`select count(*) as n from search_outbox`);
  return Number(row?.n ?? 0);
}

/**
 * Runs the relay in this process: wakes on NOTIFY, polls every `pollMs` as a fallback (and for
 * retries coming due), and makes sure the indexes exist with their settings before draining
 * (also after Meilisearch comes back empty).
 */
export function startOutboxRelay({ pollMs = 2000, log = (m: string) => console.log(m) } = {}): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let indexesReady = false;
  let lastProblem = "";

  const cycle = async () => {
    try {
      if (!indexesReady) {
        await ensureIndexes();
        const resent = await resendOutdatedDocuments();
        if (resent) log(`search outbox: ${resent} documents sent again for the current vocabulary`);
        indexesReady = true;
      }
      const result = await drainOutbox();
      if (result.failed) {
        indexesReady = false;
        throw new Error(`${result.failed} outbox rows failed; retrying with back-off`);
      }
      if (lastProblem) log("search outbox: Meilisearch reachable again, draining");
      lastProblem = "";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastProblem) log(`search outbox: ${message}`);
      lastProblem = message;
    }
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = cycle().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        wake();
      }
    });
  };

  const timer = setInterval(wake, pollMs);
  timer.unref();
  let unlisten: (() => Promise<void>) | null = null;
  sqlClient()
    .listen("search_outbox", wake)
    .then((subscription) => {
      unlisten = subscription.unlisten;
      if (stopped) void unlisten();
    })
    .catch((error: unknown) => log(`search outbox: LISTEN failed (${String(error)}); polling only`));
  wake();

  return async () => {
    stopped = true;
    clearInterval(timer);
    await unlisten?.().catch(() => {});
    await running;
  };
}
