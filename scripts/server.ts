// The HTTP server: static files plus the Remix request handler, on Express.
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { isCrossOriginWrite } from "../app/lib/csrf.server";
import { createPageCache, type PageCache } from "../app/lib/page-cache.server";

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const serverBuildPath = path.join(projectRoot, "build", "index.js");

export async function importServerBuild(): Promise<ServerBuild> {
  // The query string defeats Node's module cache so dev mode picks up each rebuild.
  return (await import(`${serverBuildPath}?t=${Date.now()}`)) as ServerBuild;
}

export interface HttpAppOptions {
  /** The cache of anonymous public pages: on by default in production, off in development (pages change with each rebuild). */
  pageCache?: PageCache | false;
}

export function createHttpApp(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string, options: HttpAppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY (e.g. "loopback" or a hop count) lets req.ip and the host come from X-Forwarded-*.
  if (process.env.TRUST_PROXY)
    app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
  app.use((req, res, next) => {
    const crossOrigin = isCrossOriginWrite({
      method: req.method,
      host: req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host"),
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
    });
    if (!crossOrigin) return next();
    const wantsJson = req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json";
    res.status(403);
    if (wantsJson) res.json({ error: { code: "forbidden", message: "cross-origin request refused" } });
    else res.type("text/plain").send("403 Forbidden: cross-origin request refused");
  });
  // Fingerprinted assets can be cached for good; the rest of public/ briefly.
  app.use("/build", express.static(path.join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(projectRoot, "public"), { maxAge: "1h" }));
  const pageCache = options.pageCache ?? (mode === "production" && process.env.LINLI_PAGE_CACHE !== "off" ? createPageCache() : false);
  if (pageCache) app.use(pageCache.middleware);
  app.all(
    "*",
    createRequestHandler({
      build: async () => getBuild(),
      mode,
      getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}
