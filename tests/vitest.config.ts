import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Time is an input (app/lib/clock.server.ts reads LINLI_NOW): every test runs on a fixed date, never
// today's, and the integration tests run twice, on two dates far apart. The second one sits where
// Tianjin is already in the next day, month and year while UTC is not.
const FIRST_DATE = "2026-11-23T04:00:00Z";
const SECOND_DATE = "2031-12-31T17:30:00Z";
// Files whose work does not depend on the date (they start processes and servers, or rank undated text): run once.
const DATE_FREE = [
  "tests/integration/start.test.ts",
  "tests/integration/supervisor.test.ts",
  "tests/integration/database-outage.test.ts",
  "tests/integration/instances.test.ts",
  "tests/integration/matching-symmetry.property.test.ts",
];

export default defineConfig({
  root,
  resolve: {
    alias: { "~": path.join(root, "app"), "#db": path.join(root, "db") },
  },
  test: {
    globals: true,
    // Two cores: more workers only queue on the same database server.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          env: { LINLI_NOW: FIRST_DATE },
          setupFiles: ["tests/setup/unit-file.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          env: { LINLI_NOW: FIRST_DATE },
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/integration-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration@2031",
          include: ["tests/integration/**/*.test.ts"],
          exclude: DATE_FREE,
          env: { LINLI_NOW: SECOND_DATE },
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/integration-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
