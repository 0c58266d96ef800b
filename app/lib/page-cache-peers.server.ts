// The page cache of every process and instance emptied at once: a write announces itself with a
// PostgreSQL NOTIFY before its response goes out, and each process LISTENs and empties its own
// cache (page-cache.server.ts), so no instance serves a public page from before another's write.
// NOTIFYs go over a connection of their own (a busy pool would hold them back), one at a time: the
// writes that finish while one is on its way share the next.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { sqlClient } from "./db.server";
import { env } from "./env.server";
import type { PageCache } from "./page-cache.server";

export const PAGE_CACHE_CHANNEL = "linli_page_cache";

export interface PageCachePeers {
  /** Tells every process (this one too) to empty its cache; never fails the request (logged, bounded to two seconds). */
  announceWrite(): Promise<void>;
}

export function sharePageCache(cache: PageCache, log: (message: string) => void = console.error): PageCachePeers {
  // This process empties its own cache when its write's response goes out (page-cache.server.ts); its own
  // NOTIFY, arriving a moment later, would only drop the pages rendered since (a signed-in visitor's next one).
  const self = `${process.pid}-${randomUUID()}`;
  sqlClient()
    .listen(PAGE_CACHE_CHANNEL, (sender) => {
      if (sender !== self) cache.clear();
    })
    .catch((error: unknown) => log(`page cache: LISTEN failed (${String(error)}); other instances' writes show after the cache's TTL`));
  let notifier: postgres.Sql | null = null;
  const send = async () => {
    notifier ??= postgres(env().DATABASE_URL, { max: 1, idle_timeout: 10, connect_timeout: 2, onnotice: () => {} });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        notifier.notify(PAGE_CACHE_CHANNEL, self),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("NOTIFY took over two seconds")), 2000))),
      ]);
    } catch (error) {
      log(`page cache: could not tell other instances of a write (${String(error)})`);
    } finally {
      clearTimeout(timer);
    }
  };
  let inFlight: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const announceWrite = (): Promise<void> => {
    if (!inFlight) {
      inFlight = send().finally(() => (inFlight = null));
      return inFlight;
    }
    // Sent after this write committed: the one on its way may have left before.
    next ??= inFlight.then(() => {
      next = null;
      return announceWrite();
    });
    return next;
  };
  return { announceWrite };
}
