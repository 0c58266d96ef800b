// `npm run db:migrate`: apply the committed migrations (starting the embedded database if needed).
import { bootServices, log, migrate } from "./boot";

const supervisor = await bootServices();
try {
  await migrate(supervisor.endpoints.databaseUrl);
} finally {
  await supervisor.stop();
}
log("done");
process.exit(0);
