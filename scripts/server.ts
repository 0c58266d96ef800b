// The HTTP server: static files plus the Remix request handler, on Express.
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const serverBuildPath = path.join(projectRoot, "build", "index.js");

export async function importServerBuild(): Promise<ServerBuild> {
  // The query string defeats Node's module cache so dev mode picks up each rebuild.
  return (await import(`${serverBuildPath}?t=${Date.now()}`)) as ServerBuild;
}

export function createHttpApp(getBuild: () => ServerBuild | Promise<ServerBuild>, mode: string) {
  const app = express();
  app.disable("x-powered-by");
  // Fingerprinted assets can be cached for good; the rest of public/ briefly.
  app.use("/build", express.static(path.join(projectRoot, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(projectRoot, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build: async () => getBuild(), mode }));
  return app;
}
