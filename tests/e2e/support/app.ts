// The app as `npm start` runs it, for one browser test file: this file's own database (tests/setup/integration-file.ts)
// seeded with the demo data as of now, its own Meilisearch index prefix, the real build over HTTP, the background jobs.
import { DEMO_PASSWORD } from "#db/seed";
import { hashPassword } from "~/modules/accounts/password.server";
import { startBackgroundJobs, stopBackgroundJobs } from "~/modules/jobs/jobs.server";
import { startTestServer } from "../../setup/http";
import { seedDemo } from "../../setup/seed";

export async function startDemoApp(): Promise<{ base: string; close: () => Promise<void> }> {
  // Seeded as of the app's clock (the real one unless LINLI_NOW says otherwise), so upcoming activities are still ahead.
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  const server = await startTestServer();
  startBackgroundJobs(() => {});
  return {
    base: server.base,
    close: async () => {
      await stopBackgroundJobs();
      await server.close();
    },
  };
}
