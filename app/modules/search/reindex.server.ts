// Full rebuild: a fresh index per base (settings first, then every document from PostgreSQL), then
// one atomic swap with the live index. Holds the outbox relay off meanwhile (REINDEX_LOCK_KEY), so
// changes made during the rebuild wait in the outbox and land in the new index after the swap.
import type { Meilisearch } from "meilisearch";
import { sqlClient } from "~/lib/db.server";
import { indexName, requireSucceeded, searchClient, type IndexBase } from "~/lib/search.server";
import { REINDEX_LOCK_KEY } from "./outbox-relay.server";
import { documentReaders } from "./search-documents.server";
import { ensureIndex, INDEX_BASES } from "./search-indexes.server";
import { nowMs } from "~/lib/clock.server";

const BATCH = 5000;

/** Rebuilds one index into `<live>_<time>`, swaps it in and drops the old copy; returns the document count. */
export async function rebuildIndex(base: IndexBase, client: Meilisearch = searchClient(), log: (m: string) => void = () => {}) {
  const live = indexName(base);
  const fresh = `${live}_${nowMs().toString(36)}`;
  await ensureIndex(live, base, client); // a swap needs both sides to exist
  await ensureIndex(fresh, base, client);
  let count = 0;
  let after: string | undefined;
  const pending: Promise<void>[] = [];
  for (;;) {
    const documents = await documentReaders[base]({ after, limit: BATCH });
    if (!documents.length) break;
    const task = client.index(fresh).addDocuments(documents, { primaryKey: "id" });
    // Enqueued before the next batch is read: reading documents is CPU work (their concepts), and a
    // request still in flight meanwhile would run out of the client's timeout.
    await task;
    pending.push(task.waitTask({ timeout: 600_000 }).then((t) => requireSucceeded(t, `loading ${fresh}`)));
    count += documents.length;
    after = documents[documents.length - 1]!.id;
    if (count % 50_000 < BATCH) log(`${base}: ${count} documents sent`);
  }
  await Promise.all(pending);
  requireSucceeded(await client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask({ timeout: 60_000 }), `swapping ${live}`);
  requireSucceeded(await client.deleteIndex(fresh).waitTask({ timeout: 60_000 }), `dropping the old ${base} index`);
  return count;
}

/** Rebuilds every index while holding the outbox relay off. */
export async function reindexAll({ log = (m: string) => console.log(m), client = searchClient() } = {}) {
  const counts = {} as Record<IndexBase, number>;
  await sqlClient().begin(async (tx) => {
    // Waits for a running drain to finish; drains that start meanwhile skip their turn.
    await tx`select pg_advisory_xact_lock(${REINDEX_LOCK_KEY})`;
    for (const base of INDEX_BASES) {
      const started = nowMs();
      counts[base] = await rebuildIndex(base, client, log);
      log(`${base}: ${counts[base]} documents indexed and swapped in (${((nowMs() - started) / 1000).toFixed(1)} s)`);
    }
  });
  return counts;
}
