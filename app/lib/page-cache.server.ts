// In-process cache of anonymous public responses, in front of Remix (scripts/server.ts). Rendering a
// page through Remix costs milliseconds of CPU; a visitor without a session gets the same bytes as
// every other visitor with the same language and preferences, so those bytes are kept for a few seconds.
// Only GET/HEAD without a session cookie, only 200s whose Cache-Control says `public`, never a
// response that sets a cookie. Keyed by URL, host and everything that can change the markup (every
// cookie, since language and display preferences live in cookies, and Accept-Language).
// A page carries its response's Content-Security-Policy nonce (res.locals.cspNonce, scripts/server.ts):
// a nonce served twice would be a nonce an attacker can read and reuse, so a kept page is served with
// this request's nonce put in place of the one it was rendered with (its CSP header is this response's
// own), and never answered 304 (the browser would pair its stored copy with a new nonce).
//
// Signed-in pages (the session cache): a signed-in visitor's page is kept for that session alone, a
// few seconds (sessionTtlMs, and never past the session's own expiry), so a visitor reloading or many
// tabs of one staff member cost one render. Only where the whole page opted in (every route of the
// match declares `handle = { sessionPageCache: true }`, read by app/entry.server.tsx, which also requires
// a GET, a 200 without Set-Cookie, and a session it validated), marked by the internal response header
// SESSION_PAGE_CACHE_HEADER carrying the session's expiry, which the server takes off the response
// (scripts/server.ts: markSessionPage) before anything is sent. Its key is the anonymous key (so the
// session id, in the cookies); its entries live apart from the anonymous ones (a session entry is never
// served without that session's cookie, nor an anonymous one with a session cookie). The browser is
// told `private, no-store`, and a session entry is never answered 304.
// Any write (a non-GET that succeeds, through any process or instance: clear() here and PostgreSQL
// NOTIFY, page-cache-peers.server.ts) empties both: logout, password change, membership and role
// changes, sessions ended elsewhere. What remains stale: what background jobs write (claim expiry,
// suggestions recomputed, notifications from the outbox relay and digests, stale check-ins) shows on
// a signed-in page at most sessionTtlMs late (5 s), as on an anonymous one at most ttlMs (10 s); a
// session deleted by hand in the database is honoured at most sessionTtlMs late.
import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

export interface PageCacheOptions {
  /** How long an entry is served (capped by the response's own max-age). */
  ttlMs?: number;
  maxEntries?: number;
  /** Cap on the bodies held, all entries together. */
  maxBytes?: number;
  /** Larger bodies are never kept. */
  maxEntryBytes?: number;
  /** The session cookie's name: requests carrying it are served only from, and stored only into, the session cache. */
  sessionCookie?: string;
  /** How long a signed-in page is served to its session (capped by the session's expiry). 0 turns the session cache off. */
  sessionTtlMs?: number;
  /** Entries and bytes of the session cache (apart from the anonymous one's, so neither crowds out the other). */
  sessionMaxEntries?: number;
  sessionMaxBytes?: number;
  now?: () => number;
}

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  etag: string;
  storedAt: number;
  expiresAt: number;
  /** The CSP nonce the body was rendered with, replaced by each request's own when served; where it stands in the body. */
  nonce?: string;
  noncePositions?: number[];
  /** A signed-in page: never answered 304. */
  private: boolean;
}

/**
 * Internal response header (app/entry.server.tsx): this document may be kept for the session that asked
 * for it, until the given time (ms since the epoch, the session's expiry). Never sent to the client.
 */
export const SESSION_PAGE_CACHE_HEADER = "x-linli-session-page-until";

/**
 * Whether a route's `handle` opted into the session cache: `export const handle = { sessionPageCache: true }`
 * promises that its loader's GET writes nothing anyone could miss and shows nothing meant to be seen once.
 */
export function optedIntoSessionPageCache(handle: unknown): boolean {
  return !!handle && typeof handle === "object" && (handle as { sessionPageCache?: unknown }).sessionPageCache === true;
}

/** Takes the internal header's value off a response on its way out: the cache reads it from res.locals. */
export function markSessionPage(res: Response, value: string | null): void {
  const until = Number(value);
  if (value !== null && Number.isFinite(until)) res.locals.sessionPageUntil = until;
}

export interface PageCache {
  middleware: RequestHandler;
  clear(): void;
  stats(): { entries: number; bytes: number; hits: number; misses: number; sessionEntries: number; sessionHits: number };
}

// Headers that describe one transfer, not the resource.
// Content-Encoding too: the page is kept as rendered, and each answer is compressed as its client accepts (scripts/server.ts).
const TRANSFER_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "date",
  "content-length",
  "x-cache",
  "age",
  "content-encoding",
]);

function cacheControlAllowsStoring(value: string | undefined): { ok: boolean; maxAgeMs: number } {
  const directives = (value ?? "").toLowerCase();
  if (!/(^|,)\s*public\s*(,|$)/.test(directives) || /(^|,)\s*(private|no-store|no-cache)\b/.test(directives)) {
    return { ok: false, maxAgeMs: 0 };
  }
  // The shorter of max-age and s-maxage: never kept longer than a browser would keep it.
  const ages = [/s-maxage\s*=\s*(\d+)/, /(?:^|[\s,])max-age\s*=\s*(\d+)/].map((re) => Number(directives.match(re)?.[1] ?? Infinity));
  const seconds = Math.min(...ages);
  return { ok: seconds > 0, maxAgeMs: seconds * 1000 };
}

/** The cookies of a request in a stable order (the browser may send them in any). */
function normalisedCookies(header: string | undefined): string {
  if (!header) return "";
  return header
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .sort()
    .join("; ");
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === bare);
}

/** Where a nonce stands in a body (the same nonce may appear several times). */
function positionsOf(body: Buffer, nonce: string): number[] {
  const positions: number[] = [];
  const needle = Buffer.from(nonce, "latin1");
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + needle.length)) positions.push(at);
  return positions;
}

/** A least-recently-used map of entries within a count and a byte budget. */
function entryStore(maxEntries: number, maxBytes: number) {
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };
  return {
    get: (key: string) => entries.get(key),
    touch(key: string, entry: Entry) {
      entries.delete(key);
      entries.set(key, entry);
    },
    remove,
    set(key: string, entry: Entry) {
      remove(key);
      entries.set(key, entry);
      bytes += entry.body.length;
      while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value!);
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    size: () => entries.size,
    bytes: () => bytes,
  };
}

export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const sessionTtlMs = Math.min(options.sessionTtlMs ?? 5_000, ttlMs);
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const sessionCookie = new RegExp(`(?:^|;\\s*)${options.sessionCookie ?? "linli_session"}=`);
  const publicEntries = entryStore(options.maxEntries ?? 500, options.maxBytes ?? 64 * 1024 * 1024);
  const sessionEntries = entryStore(options.sessionMaxEntries ?? 2_000, options.sessionMaxBytes ?? 128 * 1024 * 1024);
  let hits = 0;
  let misses = 0;
  let sessionHits = 0;
  // Bumped by every clear: a page rendered before a write must not be stored after it.
  let generation = 0;

  const clear = () => {
    publicEntries.clear();
    sessionEntries.clear();
    generation++;
  };

  const keyFor = (req: Request) =>
    [req.protocol, req.get("host") ?? "", req.originalUrl, normalisedCookies(req.get("cookie")), req.get("accept-language") ?? ""].join(
      "\n",
    );

  const serve = (req: Request, res: Response, entry: Entry) => {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((now() - entry.storedAt) / 1000)));
    res.setHeader("X-Cache", "hit");
    if (entry.nonce || entry.private) {
      let body = entry.body;
      if (entry.nonce && entry.noncePositions?.length) {
        // The same bytes with this response's nonce (same length, base64url both): the CSP header is already this response's.
        body = Buffer.from(entry.body);
        for (const at of entry.noncePositions) body.write(res.locals.cspNonce as string, at, "latin1");
      }
      res.setHeader("Content-Length", String(body.length));
      res.status(entry.status);
      if (req.method === "HEAD") res.end();
      else res.end(body);
      return;
    }
    res.setHeader("ETag", entry.etag);
    if (etagMatches(req.get("if-none-match"), entry.etag)) {
      res.removeHeader("Content-Type");
      res.status(304).end();
      return;
    }
    res.setHeader("Content-Length", String(entry.body.length));
    res.status(entry.status);
    if (req.method === "HEAD") res.end();
    else res.end(entry.body);
  };

  /**
   * Copies the body while it goes out, when the status and headers (known at writeHead) allow keeping
   * it; calls back on "finish" (every byte sent: an aborted response never gets there) with how long it
   * may be kept. `allowed` decides at writeHead from the status and the headers about to be sent.
   */
  const capture = (
    res: Response,
    allowed: (statusCode: number, header: (name: string) => unknown) => number,
    onComplete: (body: Buffer, keepForMs: number) => void,
  ) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let keeping = false;
    let keepForMs = 0;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
      const passed = typeof rest[0] === "string" ? rest[1] : rest[0];
      const header = (name: string): unknown => {
        if (passed && typeof passed === "object" && !Array.isArray(passed)) {
          const found = Object.entries(passed).find(([key]) => key.toLowerCase() === name);
          if (found) return found[1];
        }
        return res.getHeader(name);
      };
      keepForMs =
        statusCode === 200 && !Array.isArray(passed) && header("set-cookie") === undefined && !String(header("vary") ?? "").includes("*")
          ? allowed(statusCode, header)
          : 0;
      keeping = keepForMs > 0;
      if (keeping) res.setHeader("X-Cache", "miss");
      return writeHead(statusCode, ...rest);
    }) as Response["writeHead"];
    const keep = (chunk: unknown, encoding: unknown) => {
      if (!keeping || chunk == null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk)
            : null;
      if (!buffer) return;
      size += buffer.length;
      if (size > maxEntryBytes) {
        keeping = false;
        chunks.length = 0;
      } else chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((...args: unknown[]) => {
      // The first write sends the headers: let writeHead decide before the chunk is looked at.
      if (!res.headersSent) res.writeHead(res.statusCode);
      keep(args[0], args[1]);
      return write(...args);
    }) as Response["write"];
    res.end = ((...args: unknown[]) => {
      if (!res.headersSent && args[0] != null && typeof args[0] !== "function") res.writeHead(res.statusCode);
      keep(args[0], args[1]);
      return end(...args);
    }) as Response["end"];
    res.once("finish", () => {
      // A cookie set after the headers went out (trailers aside, impossible) is checked again here all the same.
      if (keeping && res.statusCode === 200 && res.getHeader("set-cookie") === undefined) onComplete(Buffer.concat(chunks), keepForMs);
    });
  };

  /** A public page: as long as its Cache-Control lets a shared cache keep it, within the TTL. */
  const publicLifetime = (_status: number, header: (name: string) => unknown) => {
    const cacheControl = header("cache-control");
    const allowed = cacheControlAllowsStoring(typeof cacheControl === "string" ? cacheControl : undefined);
    return allowed.ok ? Math.min(ttlMs, allowed.maxAgeMs) : 0;
  };

  const middleware: RequestHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      // A write through this process can change any page: drop them (other processes: page-cache-peers.server.ts),
      // as its answer starts, so that no request sent after the writer has its answer finds the old pages.
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
        if (statusCode < 400) clear();
        return writeHead(statusCode, ...rest);
      }) as Response["writeHead"];
      return next();
    }
    if (req.get("authorization")) return next();
    const signedIn = sessionCookie.test(req.get("cookie") ?? "");
    if (signedIn && sessionTtlMs <= 0) return next();
    const entries = signedIn ? sessionEntries : publicEntries;
    const key = keyFor(req);
    const cached = entries.get(key);
    const nonce = typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : undefined;
    // A page kept with a nonce is served only where there is a fresh one to put in its place.
    if (cached && cached.expiresAt > now() && (!cached.nonce || nonce)) {
      if (signedIn) sessionHits++;
      else hits++;
      entries.touch(key, cached);
      serve(req, res, cached);
      return;
    }
    if (cached) entries.remove(key);
    misses++;
    // A HEAD carries no body to keep.
    if (req.method === "HEAD") return next();
    const renderedIn = generation;
    // A signed-in page: only one the app marked (markSessionPage) for this session, never past the session's expiry.
    const sessionLifetime = () => {
      const until = res.locals.sessionPageUntil as number | undefined;
      return typeof until === "number" ? Math.min(sessionTtlMs, until - now()) : 0;
    };
    capture(res, signedIn ? sessionLifetime : publicLifetime, (body, keepForMs) => {
      if (renderedIn !== generation) return;
      const noncePositions = nonce ? positionsOf(body, nonce) : [];
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !TRANSFER_HEADERS.has(name))
        // Each response's own policy (and nonce) is set before the cache answers.
        .filter(([name]) => !(nonce && name === "content-security-policy"))
        // A signed-in page carries no validator (never a 304).
        .filter(([name]) => !(signedIn && name === "etag"))
        .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
      const etag = res.getHeader("etag");
      const storedAt = now();
      entries.set(key, {
        status: 200,
        headers,
        body,
        etag: signedIn ? "" : typeof etag === "string" ? etag : `"${createHash("sha1").update(body).digest("base64url")}"`,
        storedAt,
        expiresAt: storedAt + keepForMs,
        private: signedIn,
        ...(noncePositions.length ? { nonce, noncePositions } : {}),
      });
    });
    next();
  };

  return {
    middleware,
    clear,
    stats: () => ({
      entries: publicEntries.size(),
      bytes: publicEntries.bytes() + sessionEntries.bytes(),
      hits,
      misses,
      sessionEntries: sessionEntries.size(),
      sessionHits,
    }),
  };
}
