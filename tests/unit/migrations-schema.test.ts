// The schema in db/schema and the migrations' last drizzle-kit snapshot agree, so a developer who changes the
// schema and runs `drizzle-kit generate` gets only their change, not the DDL of migrations already applied
// (it once would have emitted 0011–0013 again). Runs drizzle-kit itself on a copy of the migrations folder.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const migrations = path.join(root, "db/migrations");

describe("db/migrations", () => {
  it("hold the schema as it is: drizzle-kit generate finds nothing to migrate", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "linli-migrations-"));
    try {
      fs.cpSync(migrations, copy, { recursive: true });
      // drizzle-kit reads its --out relative to the working directory.
      const out = path.relative(root, copy);
      const run = spawnSync(
        process.execPath,
        [
          path.join(root, "node_modules/drizzle-kit/bin.cjs"),
          "generate",
          "--dialect=postgresql",
          "--schema=./db/schema/index.ts",
          `--out=${out}`,
          "--casing=snake_case",
          "--name=probe",
        ],
        { cwd: root, encoding: "utf8", timeout: 60_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const added = fs.readdirSync(copy).filter((name) => !fs.existsSync(path.join(migrations, name)));
      expect(added, `drizzle-kit would write a migration:\n${run.stdout}`).toEqual([]);
      expect(run.stdout).toContain("No schema changes");
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 90_000);
});
