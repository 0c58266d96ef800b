// The HTTP server: static files plus the Remix request handler, on Express.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import { bodyLimitFor, PayloadTooLargeError, payloadTooLargeBody } from "../app/lib/body-limits.server";
import { isCrossOriginWrite } from "../app/lib/csrf.server";
import { createPageCache, type PageCache } from "../app/lib/page-cache.server";
import { sharePageCache } from "../app/lib/page-cache-peers.server";
import type { LinliLoadContext } from "../app/lib/request.server";

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

function remixHeaders(requestHeaders: IncomingMessage["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** @remix-run/express's handler (same request and response mapping), with the request body limited (bodyLimitFor) and the CSP nonce in the load context. */
function remixHandler(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string, announceWrite?: () => Promise<void>) {
  const handleRequest = createRequestHandler(async () => getBuild(), mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: express.NextFunction) => {
    try {
      const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
      const [, hostPort] = req.get("host")?.split(":") ?? [];
      const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
      const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
      let controller: AbortController | null = new AbortController();
      let exceeded = false;
      const limit = bodyLimitFor(req.path, req.get("content-type"));
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
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

export function createHttpApp(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string, options: HttpAppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY (e.g. "loopback" or a hop count) lets req.ip and the host come from X-Forwarded-*.
  if (process.env.TRUST_PROXY)
    app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
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
  // Fingerprinted assets can be cached for good; the rest of public/ briefly.
  app.use("/build", express.static(path.join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(projectRoot, "public"), { maxAge: "1h" }));
  const pageCache = options.pageCache ?? (mode === "production" && process.env.LINLI_PAGE_CACHE !== "off" ? createPageCache() : false);
  if (pageCache) app.use(pageCache.middleware);
  const peers = pageCache && options.sharedPageCache !== false ? sharePageCache(pageCache) : null;
  app.all("*", remixHandler(getBuild, mode, peers?.announceWrite));
  return app;
}
