// Makes Meilisearch unreachable for this process (app code and the served build alike), then restores it.
import net from "node:net";
import { Meilisearch } from "meilisearch";
import { keepAliveHttpClient, searchClient } from "~/lib/search.server";

const holder = globalThis as unknown as { __linliSearch?: { key: string; client: Meilisearch } };

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function withSearchUnreachable(run: () => Promise<void>) {
  searchClient(); // the real client is cached under the current settings' key
  const real = holder.__linliSearch!;
  const dead = new Meilisearch({ host: `http://127.0.0.1:${await closedPort()}`, timeout: 1000, httpClient: keepAliveHttpClient });
  holder.__linliSearch = { key: real.key, client: dead };
  try {
    await run();
  } finally {
    holder.__linliSearch = real;
  }
}
