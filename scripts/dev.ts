// `npm run dev`: like `npm start`, with the Remix compiler watching and reloading the app on change.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { bootServices, log, onShutdown, prepareDatabase } from "./boot";
import { projectRoot } from "./server";

process.env.NODE_ENV = "development";
const supervisor = await bootServices();
await prepareDatabase(supervisor.endpoints.databaseUrl, { seed: process.env.LINLI_SEED !== "none" });
supervisor.onMeiliRestart(() => log("meilisearch restarted"));

const cli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
// `remix dev --manual` runs our server and tells the browser to reload after each rebuild.
// remix splits the command on spaces without a shell: name tsx by the bin path npm puts on PATH.
const child = spawn(process.execPath, [cli, "dev", "--manual", "-c", "tsx scripts/dev-server.ts"], {
  cwd: projectRoot,
  stdio: "inherit",
  env: process.env,
});
child.on("exit", (code) => {
  log(`remix dev exited (${code})`);
  void supervisor.stop().then(() => process.exit(code ?? 0));
});
onShutdown(async () => {
  child.kill("SIGTERM");
  await supervisor.stop();
});
