// The app as `npm start` runs it, for one browser test file: this file's own database (tests/setup/integration-file.ts)
// seeded with the demo data as of now, its own Meilisearch index prefix, the real build over HTTP, the background jobs.
import { sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { startBackgroundJobs, stopBackgroundJobs } from "~/modules/jobs/jobs.server";
import { startTestServer } from "../../setup/http";
import { seedDemo } from "../../setup/seed";

export async function startDemoApp(): Promise<{ base: string; close: () => Promise<void> }> {
  // Seeded as of the app's clock (the real one unless LINLI_NOW says otherwise), so upcoming activities are still ahead.
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  const server = await startTestServer();
  startBackgroundJobs(() => {});
  await settled();
  return {
    base: server.base,
    close: async () => {
      await stopBackgroundJobs();
      await server.close();
    },
  };
}

/**
 * Waits for the start-up work the seed leaves to the background jobs: every need, offer and activity sent to
 * search and every suggestion computed. A test then meets the app as its users do once it has started, and
 * what it changes is not queued behind the whole demo (which, beside another file's server and browser on
 * two cores, once took longer than a test waits for matching).
 */
async function settled(timeoutMs = 150_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [left] = await db().execute<{ outbox: number; suggestions: number }>(sql`
      select (select count(*)::int from search_outbox) as outbox,
             (select count(*)::int from suggestion_queue where available_at <= linli_now()) as suggestions`);
    if (!left?.outbox && !left?.suggestions) return;
    if (Date.now() > until)
      throw new Error(`the demo app's background work did not settle in ${timeoutMs / 1000} s: ${JSON.stringify(left)} left`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
