// `npm run db:seed [-- --reset]`: seed the demo data; --reset first wipes a database that holds only demo data.
import postgres from "postgres";
import { bootServices, log, prepareDatabase } from "./boot";

const reset = process.argv.includes("--reset");
const supervisor = await bootServices();
const url = supervisor.endpoints.databaseUrl;
try {
  if (reset) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`select to_regclass('public.users') is not null as has_users`;
      if (row?.has_users) {
        const [other] = await sql`select count(*)::int as n from users where not is_demo`;
        if ((other?.n ?? 0) > 0) throw new Error("refusing to reset: the database holds non-demo data");
      }
      log("resetting the database (demo data only)…");
      await sql.unsafe("drop schema if exists drizzle cascade; drop schema public cascade; create schema public;");
    } finally {
      await sql.end();
    }
  }
  await prepareDatabase(url, { seed: true });
} finally {
  await supervisor.stop();
}
process.exit(0);
