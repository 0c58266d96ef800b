import { setMaxListeners } from "node:events";
import http from "node:http";
import https from "node:https";
import { Meilisearch, MeilisearchApiError } from "meilisearch";
import { env } from "./env.server";

const holder = globalThis as unknown as { __linliSearch?: { key: string; client: Meilisearch } };

// Kept-alive sockets: through Node's built-in fetch many loopback requests stalled ~44 ms while
// Meilisearch answered in 1 ms; node:http with a keep-alive agent answers in about a millisecond.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 10_000 }),
};

/** The Meilisearch client's transport: node:http, honouring the client's abort signal (its timeout). */
export function keepAliveHttpClient(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  const transport = url.protocol === "https:" ? https : http;
  const headers = Object.fromEntries(new Headers(init?.headers).entries());
  const body = typeof init?.body === "string" ? init.body : undefined;
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const signal = init?.signal ?? null;
  return new Promise((resolve, reject) => {
    // Our own abort listener, removed when done (node:http's `signal` option leaves listeners behind).
    const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error("request aborted"));
    const done = () => signal?.removeEventListener("abort", onAbort);
    const request = transport.request(
      url,
      { method: init?.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] },
      (response) => {
        response.on("close", done);
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          done();
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch (error) {
            return reject(error);
          }
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(parsed);
          reject(new MeilisearchApiError(new Response(text, { status, statusText: response.statusMessage }), parsed as never));
        });
      },
    );
    request.on("error", (error) => {
      done();
      reject(signal?.aborted ? (signal.reason ?? error) : error);
    });
    if (signal?.aborted) return onAbort();
    // The client's task polling shares one signal across many concurrent requests.
    if (signal) setMaxListeners(1000, signal);
    signal?.addEventListener("abort", onAbort, { once: true });
    request.end(body);
  });
}

/** The Meilisearch client, with a request timeout (the JS client has none by default). */
export function searchClient(): Meilisearch {
  const { MEILI_URL, MEILI_MASTER_KEY } = env();
  const key = `${MEILI_URL} ${MEILI_MASTER_KEY}`;
  if (holder.__linliSearch?.key === key) return holder.__linliSearch.client;
  const client = new Meilisearch({
    host: MEILI_URL,
    apiKey: MEILI_MASTER_KEY || undefined,
    timeout: 3000,
    httpClient: keepAliveHttpClient,
  });
  holder.__linliSearch = { key, client };
  return client;
}

export type IndexBase = "offers" | "needs" | "activities";

/** Index names carry the instance prefix so test files and instances never share an index. */
export function indexName(base: IndexBase): string {
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

/** Meilisearch's error code (e.g. "index_not_found"), however deep the client wrapped it. */
export function searchErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[a-z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `waitTask` resolves with failed tasks too: this throws unless the task succeeded. */
export function requireSucceeded(task: { status: string; error?: { message?: string } | null }, what: string): void {
  if (task.status !== "succeeded") throw new Error(`Meilisearch ${what} ${task.status}: ${task.error?.message ?? "no detail"}`);
}
