// `npm run search:reindex`: rebuilds every search index from PostgreSQL into fresh indexes and swaps
// them in atomically. Uses DATABASE_URL / MEILI_URL when set, else the embedded services of LINLI_DATA_DIR.
import { exportEndpoints, resolveDataDir, startServices } from "./services/supervisor";
import { log } from "./boot";

const supervisor = await startServices({ dataDir: resolveDataDir(), log });
exportEndpoints(supervisor.endpoints);
try {
  const { reindexAll } = await import("../app/modules/search/reindex.server");
  const started = Date.now();
  const counts = await reindexAll({ log });
  log(`reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const { sqlClient } = await import("../app/lib/db.server");
  await sqlClient().end({ timeout: 5 });
} finally {
  await supervisor.stop();
}
