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
  /** The session cookie's name: requests carrying it are never served from, nor stored into, the cache. */
  sessionCookie?: string;
  now?: () => number;
}

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  etag: string;
  storedAt: number;
  expiresAt: number;
  /** The CSP nonce the body was rendered with, replaced by each request's own when served. */
  nonce?: string;
}

export interface PageCache {
  middleware: RequestHandler;
  clear(): void;
  stats(): { entries: number; bytes: number; hits: number; misses: number };
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

export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const sessionCookie = new RegExp(`(?:^|;\\s*)${options.sessionCookie ?? "linli_session"}=`);
  // A Map iterates in insertion order: re-inserting on use makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  // Bumped by every clear: a page rendered before a write must not be stored after it.
  let generation = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };
  const clear = () => {
    entries.clear();
    bytes = 0;
    generation++;
  };
  const store = (key: string, entry: Entry) => {
    remove(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value!);
  };

  const keyFor = (req: Request) =>
    [req.protocol, req.get("host") ?? "", req.originalUrl, normalisedCookies(req.get("cookie")), req.get("accept-language") ?? ""].join(
      "\n",
    );

  const serve = (req: Request, res: Response, entry: Entry) => {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((now() - entry.storedAt) / 1000)));
    res.setHeader("X-Cache", "hit");
    if (entry.nonce) {
      // The same bytes with this response's nonce (same length, base64url both): the CSP header is already this response's.
      const body = Buffer.from(
        entry.body
          .toString("latin1")
          .split(entry.nonce)
          .join(res.locals.cspNonce as string),
        "latin1",
      );
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
   * it; calls back on "finish" (every byte sent: an aborted response never gets there).
   */
  const capture = (res: Response, onComplete: (body: Buffer, maxAgeMs: number) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let keeping = false;
    let maxAgeMs = 0;
    const header = (name: string, passed: unknown): unknown => {
      if (passed && typeof passed === "object" && !Array.isArray(passed)) {
        const found = Object.entries(passed).find(([key]) => key.toLowerCase() === name);
        if (found) return found[1];
      }
      return res.getHeader(name);
    };
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
      const passed = typeof rest[0] === "string" ? rest[1] : rest[0];
      const cacheControl = header("cache-control", passed);
      const allowed = cacheControlAllowsStoring(typeof cacheControl === "string" ? cacheControl : undefined);
      keeping =
        statusCode === 200 &&
        !Array.isArray(passed) &&
        allowed.ok &&
        header("set-cookie", passed) === undefined &&
        !String(header("vary", passed) ?? "").includes("*");
      maxAgeMs = allowed.maxAgeMs;
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
      if (keeping && res.statusCode === 200 && res.getHeader("set-cookie") === undefined) onComplete(Buffer.concat(chunks), maxAgeMs);
    });
  };

  const middleware: RequestHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      // A write through this process can change what public pages show: drop them (other instances rely on the TTL).
      res.once("finish", () => {
        if (res.statusCode < 400) clear();
      });
      return next();
    }
    if (sessionCookie.test(req.get("cookie") ?? "") || req.get("authorization")) return next();
    const key = keyFor(req);
    const cached = entries.get(key);
    const nonce = typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : undefined;
    // A page kept with a nonce is served only where there is a fresh one to put in its place.
    if (cached && cached.expiresAt > now() && (!cached.nonce || nonce)) {
      hits++;
      entries.delete(key);
      entries.set(key, cached);
      serve(req, res, cached);
      return;
    }
    if (cached) remove(key);
    misses++;
    // A HEAD carries no body to keep.
    if (req.method === "HEAD") return next();
    const renderedIn = generation;
    capture(res, (body, maxAgeMs) => {
      if (renderedIn !== generation) return;
      const withNonce = !!nonce && body.includes(nonce, 0, "latin1");
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !TRANSFER_HEADERS.has(name))
        // Each response's own policy (and nonce) is set before the cache answers.
        .filter(([name]) => !(nonce && name === "content-security-policy"))
        .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
      const etag = res.getHeader("etag");
      const storedAt = now();
      store(key, {
        status: 200,
        headers,
        body,
        etag: typeof etag === "string" ? etag : `"${createHash("sha1").update(body).digest("base64url")}"`,
        storedAt,
        expiresAt: storedAt + Math.min(ttlMs, maxAgeMs),
        ...(withNonce ? { nonce } : {}),
      });
    });
    next();
  };

  return {
    middleware,
    clear,
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  };
}
