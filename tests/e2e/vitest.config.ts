// The browser tests (`npm run test:e2e`): Debian's chromium through playwright-core, against the real build,
// PostgreSQL and Meilisearch of the integration suite's global setup. Not part of `npm test`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Services of their own (tests/setup/global-setup.ts reads this), so an `npm test` finishing beside them
// never stops the servers this run is using.
process.env.LINLI_TEST_DATA_DIR ??= path.join(root, ".data/e2e");

export default defineConfig({
  root,
  resolve: {
    alias: { "~": path.join(root, "app"), "#db": path.join(root, "db") },
  },
  test: {
    name: "e2e",
    globals: true,
    include: ["tests/e2e/**/*.test.ts"],
    // The browser first: without it nothing else is worth starting.
    globalSetup: ["tests/e2e/support/global-setup.ts", "tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/integration-file.ts"],
    // Two cores: each file runs a server and a browser, so at most two files at once.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 90_000,
    // Starting a file's app includes its start-up work (see tests/e2e/support/app.ts).
    hookTimeout: 200_000,
  },
});
