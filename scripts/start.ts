// `npm start`: build if needed, start PostgreSQL and Meilisearch, migrate, seed demo data, then serve on
// WEB_CONCURRENCY worker processes (default: one per core) sharing one port (node:cluster). The primary
// owns the embedded services and restarts a worker that dies; the workers are app instances
// (scripts/instance.ts): one of them, the leader by advisory lock, runs the background jobs.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { bootServices, buildIfNeeded, log, onShutdown, prepareDatabase } from "./boot";
import { demoLoginsText } from "./demo-logins";

process.env.NODE_ENV ??= "production";

if (cluster.isPrimary) {
  const started = Date.now();
  buildIfNeeded();
  const supervisor = await bootServices();
  await prepareDatabase(supervisor.endpoints.databaseUrl, { seed: process.env.LINLI_SEED !== "none" });
  const count = Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10) || os.availableParallelism());
  let stopping = false;
  let announced = false;
  const listening = new Set<number>();
  // A worker that dies is replaced, but not in a loop: at most one restart a second.
  let lastFork = 0;
  const fork = () => {
    lastFork = Date.now();
    const worker = cluster.fork();
    worker.on("listening", (address) => {
      listening.add(worker.id);
      if (announced || listening.size < count) return;
      announced = true;
      log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s, ${count} worker process${count === 1 ? "" : "es"}`);
      console.log(`\n  Linli is running at http://localhost:${address.port}\n`);
      console.log(demoLoginsText());
    });
  };
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) return;
    log(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(fork, Math.max(0, 1000 - (Date.now() - lastFork)));
  });
  for (let i = 0; i < count; i++) fork();
  supervisor.onMeiliRestart(() => log("meilisearch restarted"));
  onShutdown(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => worker.process.kill("SIGKILL"), 10_000);
            worker.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    await supervisor.stop();
  });
} else {
  const { env } = await import("../app/lib/env.server");
  const { PORT, HOST } = env();
  const { serveInstance } = await import("./instance");
  const workerLog = (message: string) => log(`[worker ${process.pid}] ${message}`);
  const instance = await serveInstance({ port: PORT, host: HOST, log: workerLog });
  workerLog("serving");
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    instance
      .stop()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  // Ctrl-C reaches the whole process group: the primary stops the services once the workers are gone.
  process.on("SIGINT", stop);
}
