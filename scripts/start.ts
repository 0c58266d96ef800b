// `npm start`: build if needed, start PostgreSQL and Meilisearch, migrate, seed demo data, serve.
import { bootServices, buildIfNeeded, log, onShutdown, prepareDatabase } from "./boot";
import { createHttpApp, importServerBuild } from "./server";
import { demoLoginsText } from "./demo-logins";

const started = Date.now();
process.env.NODE_ENV ??= "production";
buildIfNeeded();
const supervisor = await bootServices();
await prepareDatabase(supervisor.endpoints.databaseUrl, { seed: process.env.LINLI_SEED !== "none" });
const build = await importServerBuild();
const { env } = await import("../app/lib/env.server");
const { PORT, HOST } = env();
const { surviveDriverWriteCrash } = await import("../app/lib/db.server");
surviveDriverWriteCrash(log);
const server = createHttpApp(() => build, "production").listen(PORT, HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n  Linli is running at http://localhost:${port}\n`);
  console.log(demoLoginsText());
});
supervisor.onMeiliRestart(() => log("meilisearch restarted"));
const { startBackgroundJobs, stopBackgroundJobs } = await import("../app/modules/jobs/jobs.server");
startBackgroundJobs(log);
onShutdown(async () => {
  await stopBackgroundJobs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await supervisor.stop();
});
