import { z } from "zod";

// Read and validated once; a bad value stops start-up with a message naming the variable.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  MEILI_URL: z.string().regex(/^https?:\/\//, "must be an http(s):// URL"),
  MEILI_MASTER_KEY: z.string().default(""),
  /** Prefix of every Meilisearch index name: lets several instances or test files share one server. */
  LINLI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]*$/, "letters, digits, - and _ only")
    .default("linli_"),
  LINLI_DATA_DIR: z.string().default(".data"),
  /** Days a partner has to fulfil a claimed wish before it returns to the wall. */
  LINLI_CLAIM_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Runs the app's clock from this instant instead of today (demos, tests); read by lib/clock.server.ts. */
  LINLI_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Who delivers SMS and e-mail: "log" (built in) stores them for GET /api/dev/messages; any other name is a real provider. */
  SMS_PROVIDER: z
    .string()
    .regex(/^[a-z0-9_-]+$/, "a provider name: lower-case letters, digits, - and _")
    .default("log"),
  EMAIL_PROVIDER: z
    .string()
    .regex(/^[a-z0-9_-]+$/, "a provider name: lower-case letters, digits, - and _")
    .default("log"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests that change the environment between files call this. */
export function resetEnvCache() {
  cached = null;
}
