// The HTTP server: static files plus the Remix request handler, on Express.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import fs from "node:fs";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import { bodyLimitFor, PayloadTooLargeError, payloadTooLargeBody } from "../app/lib/body-limits.server";
import { isCrossOriginWrite } from "../app/lib/csrf.server";
import { createPageCache, markSessionPage, SESSION_PAGE_CACHE_HEADER, type PageCache } from "../app/lib/page-cache.server";
import { sharePageCache } from "../app/lib/page-cache-peers.server";
import type { LinliLoadContext } from "../app/lib/request.server";
import { openRequestScope, REQUEST_ID_HEADER } from "../app/lib/request-scope.server";

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const serverBuildPath = path.join(projectRoot, "build", "index.js");

export async function importServerBuild(): Promise<ServerBuild> {
  // The query string defeats Node's module cache so dev mode picks up each rebuild.
  return (await import(`${serverBuildPath}?t=${Date.now()}`)) as ServerBuild;
}

export interface HttpAppOptions {
  /** The cache of anonymous public pages: on by default in production, off in development (pages change with each rebuild). */
  pageCache?: PageCache | false;
  /** Every process's page cache emptied by a write through any (PostgreSQL NOTIFY): on with the cache unless false. */
  sharedPageCache?: boolean;
}

const hasBody = (req: ExpressRequest) => req.method !== "GET" && req.method !== "HEAD";
const wantsJson = (req: ExpressRequest) => req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json";

/** 413, and the connection closes: the rest of the body is never read. */
function refuseOversizedBody(req: ExpressRequest, res: ExpressResponse, limit: number) {
  if (res.headersSent) return void res.destroy();
  res.status(413).set("Connection", "close");
  if (wantsJson(req)) res.json(payloadTooLargeBody(limit));
  else res.type("text/plain").send(`413 Payload Too Large: ${payloadTooLargeBody(limit).error.message}`);
}

/** The body as Remix reads it, counted as it streams in: past `limit` it fails and nothing more is read. */
function limitedBody(req: IncomingMessage, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        onExceeded();
        req.unpipe(counter);
        req.pause();
        return callback(new PayloadTooLargeError(limit));
      }
      callback(null, chunk);
    },
  });
  req.on("aborted", () => counter.destroy(new Error("the client aborted the request")));
  req.on("error", (error) => counter.destroy(error));
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

function remixHeaders(requestHeaders: IncomingMessage["headers"], requestId: string): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  // Ours, whatever the client sent under that name: the key of this request's memos (request-scope.server.ts).
  headers.set(REQUEST_ID_HEADER, requestId);
  return headers;
}

async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // The app's word to the page cache (entry.server.tsx), never sent on.
  markSessionPage(res, response.headers.get(SESSION_PAGE_CACHE_HEADER));
  for (const [key, value] of response.headers.entries()) if (key !== SESSION_PAGE_CACHE_HEADER) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** @remix-run/express's handler (same request and response mapping), with the request body limited (bodyLimitFor) and the CSP nonce in the load context. */
function remixHandler(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string, announceWrite?: () => Promise<void>) {
  // Given a function, Remix derives its routes and data handler from the build again on every request
  // (createRoutes, createStaticHandler: about a millisecond each time); in production the build never
  // changes, so it is handed over once. Development keeps the function: each rebuild is picked up.
  let productionHandler: Promise<ReturnType<typeof createRequestHandler>> | null = null;
  const developmentHandler = createRequestHandler(async () => getBuild(), mode);
  const handlerFor = () =>
    mode === "production"
      ? (productionHandler ??= Promise.resolve(getBuild()).then((build) => createRequestHandler(build, mode)))
      : developmentHandler;
  return async (req: ExpressRequest, res: ExpressResponse, next: express.NextFunction) => {
    try {
      const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
      const [, hostPort] = req.get("host")?.split(":") ?? [];
      const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
      const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
      let controller: AbortController | null = new AbortController();
      let exceeded = false;
      const limit = bodyLimitFor(req.path, req.get("content-type"));
      const requestId = randomUUID();
      const closeScope = openRequestScope(requestId);
      res.on("close", closeScope);
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: remixHeaders(req.headers, requestId),
        signal: controller.signal,
      };
      if (hasBody(req)) {
        init.body = limitedBody(req, limit, () => (exceeded = true));
        init.duplex = "half";
      }
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const context: LinliLoadContext = {
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce as string | undefined,
      };
      const handleRequest = await handlerFor();
      const response = await handleRequest(new Request(url.href, init), { ...context });
      if (exceeded) {
        // What Remix made of the cut-off body is not sent: read it to the end (cancelling mid-render logs an error) and drop it.
        await response.body?.pipeTo(new WritableStream()).catch(() => {});
        return refuseOversizedBody(req, res, limit);
      }
      // The page caches of the other processes are emptied before this writer sees its answer (page-cache-peers.server.ts).
      if (announceWrite && hasBody(req) && response.status < 400) await announceWrite();
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Security headers, through helmet: a Content-Security-Policy whose scripts and styles must carry this
 * response's nonce (entry.server.tsx hands it to Remix's <Scripts>, <ScrollRestoration> and React), no
 * framing, nosniff, a same-origin Referrer-Policy, and HSTS only on HTTPS (a plain-HTTP site must not
 * tell browsers to insist on HTTPS it cannot serve).
 */
function securityHeaders(mode: string): express.RequestHandler[] {
  const nonce = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as ExpressResponse).locals.cspNonce as string}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonce],
        styleSrc: ["'self'", nonce],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        // The development server's live reload talks over a websocket on another port.
        connectSrc: mode === "development" ? ["'self'", "ws://localhost:*", "ws://127.0.0.1:*"] : ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 60 * 60, includeSubDomains: true });
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(18).toString("base64url");
      next();
    },
    headers,
    (req, res, next) => (req.secure ? hsts(req, res, next) : next()),
  ];
}

const ENCODINGS = [
  ["br", ".br"],
  ["gzip", ".gz"],
] as const;

/**
 * A build file's precompressed copy (scripts/lib/precompress.ts: `.br`, `.gz` beside it) when the
 * client accepts it: the request is pointed at the copy, which express.static then sends with the
 * original's type and the encoding (encodedFileHeaders). Production only (development rebuilds).
 */
function precompressedFiles(dir: string, mode: string): express.RequestHandler {
  // The build's files do not change while it runs: the ones found are remembered (not misses: any path can be asked for).
  const found = new Set<string>();
  const has = (file: string) => found.has(file) || (fs.existsSync(file) && !!found.add(file));
  return (req, res, next) => {
    if (mode !== "production" || (req.method !== "GET" && req.method !== "HEAD")) return next();
    res.vary("Accept-Encoding");
    const accepted = req.acceptsEncodings(ENCODINGS.map(([name]) => name));
    const suffix = ENCODINGS.find(([name]) => name === accepted)?.[1];
    if (!suffix) return next();
    let file: string;
    try {
      file = path.join(dir, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!file.startsWith(dir + path.sep) || !has(file + suffix)) return next();
    req.url = `${req.path}${suffix}`;
    next();
  };
}

function buildFileHeaders(res: ServerResponse, file: string) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  const encoding = ENCODINGS.find(([, suffix]) => file.endsWith(suffix));
  if (!encoding) return;
  res.setHeader("Content-Encoding", encoding[0]);
  res.setHeader("Content-Type", express.static.mime.lookup(file.slice(0, -encoding[1].length)) + "; charset=UTF-8");
}

export function createHttpApp(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string, options: HttpAppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY (e.g. "loopback" or a hop count) lets req.ip and the host come from X-Forwarded-*.
  if (process.env.TRUST_PROXY)
    app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
  // HTML, JSON and the rest compressed on the fly (brotli or gzip, as the client accepts), except
  // event streams, which must not wait in a compressor's buffer; the build's files come precompressed.
  app.use(
    compression({
      filter: (req, res) => !/text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res),
    }),
  );
  // The build's fingerprinted files, cached for good, before the pages' security headers: a
  // Content-Security-Policy and its company mean nothing on a script or a stylesheet, and weighed more
  // than most of the chunks a first visit loads. They keep nosniff and same-origin (buildFileHeaders).
  const buildDir = path.join(projectRoot, "public", "build");
  app.use("/build", precompressedFiles(buildDir, mode));
  app.use("/build", express.static(buildDir, { immutable: true, maxAge: "1y", setHeaders: buildFileHeaders }));
  app.use(securityHeaders(mode));
  // A body declared larger than its route takes is refused before a byte of it is read.
  app.use((req, res, next) => {
    if (!hasBody(req)) return next();
    const limit = bodyLimitFor(req.path, req.get("content-type"));
    const declared = Number(req.get("content-length") ?? 0);
    if (Number.isFinite(declared) && declared <= limit) return next();
    refuseOversizedBody(req, res, limit);
  });
  app.use((req, res, next) => {
    const crossOrigin = isCrossOriginWrite({
      method: req.method,
      host: req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host"),
      protocol: req.protocol,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
    });
    if (!crossOrigin) return next();
    res.status(403);
    if (wantsJson(req)) res.json({ error: { code: "forbidden", message: "cross-origin request refused" } });
    else res.type("text/plain").send("403 Forbidden: cross-origin request refused");
  });
  // The rest of public/ is cached briefly.
  // Only a path that names a file (a dot in its last segment) can be one of public/'s: pages skip the file system.
  const publicFiles = express.static(path.join(projectRoot, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()));
  const pageCache = options.pageCache ?? (mode === "production" && process.env.LINLI_PAGE_CACHE !== "off" ? createPageCache() : false);
  if (pageCache) app.use(pageCache.middleware);
  const peers = pageCache && options.sharedPageCache !== false ? sharePageCache(pageCache) : null;
  app.all("*", remixHandler(getBuild, mode, peers?.announceWrite));
  return app;
}
