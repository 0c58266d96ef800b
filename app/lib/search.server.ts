import { Meilisearch } from "meilisearch";
import { env } from "./env.server";

const holder = globalThis as unknown as { __linliSearch?: { key: string; client: Meilisearch } };

/** The Meilisearch client, with a request timeout (the JS client has none by default). */
export function searchClient(): Meilisearch {
  const { MEILI_URL, MEILI_MASTER_KEY } = env();
  const key = `${MEILI_URL} ${MEILI_MASTER_KEY}`;
  if (holder.__linliSearch?.key === key) return holder.__linliSearch.client;
  const client = new Meilisearch({ host: MEILI_URL, apiKey: MEILI_MASTER_KEY || undefined, timeout: 3000 });
  holder.__linliSearch = { key, client };
  return client;
}

/** Index names carry the instance prefix so test files and instances never share an index. */
export function indexName(base: "offers" | "needs" | "activities"): string {
  return `${env().LINLI_INDEX_PREFIX}${base}`;
}

export async function searchHealthy(): Promise<boolean> {
  try {
    const health = await searchClient().health();
    return health.status === "available";
  } catch {
    return false;
  }
}
