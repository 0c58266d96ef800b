// The page cache of every process and instance emptied at once: a write announces itself with a
// PostgreSQL NOTIFY before its response goes out, and each process LISTENs and empties its own
// cache (page-cache.server.ts), so no instance serves a public page from before another's write.
import { sqlClient } from "./db.server";
import type { PageCache } from "./page-cache.server";

export const PAGE_CACHE_CHANNEL = "linli_page_cache";

export interface PageCachePeers {
  /** Tells every process (this one too) to empty its cache; never fails the request (logged, bounded to a second). */
  announceWrite(): Promise<void>;
}

export function sharePageCache(cache: PageCache, log: (message: string) => void = console.error): PageCachePeers {
  sqlClient()
    .listen(PAGE_CACHE_CHANNEL, () => cache.clear())
    .catch((error: unknown) => log(`page cache: LISTEN failed (${String(error)}); other instances' writes show after the cache's TTL`));
  return {
    async announceWrite() {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sqlClient().notify(PAGE_CACHE_CHANNEL, String(process.pid)),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("NOTIFY took over a second")), 1000))),
        ]);
      } catch (error) {
        log(`page cache: could not tell other instances of a write (${String(error)})`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
