// `npm run services`: run only PostgreSQL and Meilisearch (for tools such as psql), until Ctrl-C.
import { bootServices, log, onShutdown } from "./boot";

const supervisor = await bootServices();
log(`DATABASE_URL=${supervisor.endpoints.databaseUrl}`);
log(`MEILI_URL=${supervisor.endpoints.meiliUrl}`);
log(`MEILI_MASTER_KEY=${supervisor.endpoints.meiliMasterKey}`);
supervisor.onMeiliRestart(() => log("meilisearch restarted"));
onShutdown(() => supervisor.stop());
setInterval(() => {}, 1 << 30);
