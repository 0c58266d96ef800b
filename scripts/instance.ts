// One app instance on services that already run (DATABASE_URL, MEILI_URL): the HTTP server, and the
// background jobs while this process holds the leadership (app/lib/leadership.server.ts). `npm start`
// runs one per worker (scripts/start.ts); run directly (`tsx scripts/instance.ts`) it is one more
// stateless instance, e.g. behind a load balancer: PORT, HOST, and the services' addresses from the env.
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { createHttpApp, importServerBuild } from "./server";

export interface Instance {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function serveInstance({
  port,
  host,
  log,
}: {
  port: number;
  host: string;
  log: (message: string) => void;
}): Promise<Instance> {
  const build = await importServerBuild();
  const { surviveDriverWriteCrash, closeDb } = await import("../app/lib/db.server");
  surviveDriverWriteCrash(log);
  const server: Server = await new Promise((resolve) => {
    const s = createHttpApp(() => build, "production").listen(port, host, () => resolve(s));
  });
  const address = server.address();
  const { startJobsWhenLeader, stopJobsWhenLeader } = await import("../app/modules/jobs/jobs.server");
  startJobsWhenLeader(log, { retryMs: Number(process.env.LINLI_LEADER_RETRY_MS) || 3000 });
  return {
    server,
    port: typeof address === "object" && address ? address.port : port,
    async stop() {
      await stopJobsWhenLeader();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDb();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.env.NODE_ENV ??= "production";
  const { env } = await import("../app/lib/env.server");
  const { PORT, HOST } = env();
  const log = (message: string) => console.log(`[linli ${process.pid}] ${message}`);
  const instance = await serveInstance({ port: PORT, host: HOST, log });
  log(`listening on http://${HOST}:${instance.port}`);
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      instance
        .stop()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(0));
    });
}
