// The app server under `remix dev --manual`: reloads the server build after every rebuild.
import fs from "node:fs";
import path from "node:path";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { createHttpApp, importServerBuild, projectRoot } from "./server";
import { demoLoginsText } from "./demo-logins";

let build: ServerBuild = await importServerBuild();
const port = Number(process.env.PORT ?? 3000);
createHttpApp(() => build, "development").listen(port, process.env.HOST ?? "0.0.0.0", () => {
  console.log(`\n  Linli (dev) is running at http://localhost:${port}\n`);
  console.log(demoLoginsText());
  void broadcastDevReady(build);
});

const { startBackgroundJobs } = await import("../app/modules/jobs/jobs.server");
startBackgroundJobs();

const versionFile = path.join(projectRoot, "build", "version.txt");
let reloading: Promise<void> | null = null;
fs.watchFile(versionFile, { interval: 300 }, () => {
  reloading ??= importServerBuild()
    .then(async (next) => {
      build = next;
      await broadcastDevReady(build);
    })
    .catch((e) => console.error(e))
    .finally(() => {
      reloading = null;
    });
});
