import { z } from "zod";

// Read and validated once; a bad value stops start-up with a message naming the variable.
const EnvFields = z.object({
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
  /** Who delivers SMS: "log" (built in) stores them for GET /api/dev/messages; aliyun or tencent send for real. */
  SMS_PROVIDER: z.enum(["log", "aliyun", "tencent"]).default("log"),
  /** Who delivers e-mail: only the built-in "log" sink so far. */
  EMAIL_PROVIDER: z.enum(["log"]).default("log"),
  /** Who delivers WeCom group-robot messages: "webhook" posts to each group's robot URL; "log" stores them. */
  WECOM_PROVIDER: z.enum(["log", "webhook"]).default("log"),
  /** SMS templates approved at the provider: JSON {"login_code": "SMS_123…", …} (see app/modules/messages/templates.ts). */
  SMS_TEMPLATE_CODES: z
    .string()
    .default("{}")
    .transform((value, ctx) => {
      try {
        return z.record(z.string(), z.string().min(1)).parse(JSON.parse(value));
      } catch {
        ctx.addIssue({ code: "custom", message: 'a JSON object {"template": "code", …}' });
        return z.NEVER;
      }
    }),
  SMS_SIGN_NAME: z.string().default(""),
  ALIYUN_ACCESS_KEY_ID: z.string().default(""),
  ALIYUN_ACCESS_KEY_SECRET: z.string().default(""),
  ALIYUN_SMS_ENDPOINT: z.string().default("dysmsapi.aliyuncs.com"),
  TENCENT_SECRET_ID: z.string().default(""),
  TENCENT_SECRET_KEY: z.string().default(""),
  TENCENT_SMS_APP_ID: z.string().default(""),
  TENCENT_SMS_REGION: z.string().default("ap-guangzhou"),
  TENCENT_SMS_ENDPOINT: z.string().default("sms.tencentcloudapi.com"),
  /** Shared secret of the SMS provider's upstream-message (reply) callback, POST /api/webhooks/sms-replies. */
  SMS_CALLBACK_TOKEN: z.string().default(""),
});

/** Each SMS provider needs its keys. */
const EnvSchema = EnvFields.superRefine((e, ctx) => {
  const need = (names: (keyof typeof e)[]) => {
    for (const name of names)
      if (!e[name]) ctx.addIssue({ code: "custom", path: [name], message: `required when SMS_PROVIDER=${e.SMS_PROVIDER}` });
  };
  if (e.SMS_PROVIDER === "aliyun") need(["ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET", "SMS_SIGN_NAME"]);
  if (e.SMS_PROVIDER === "tencent") need(["TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_SMS_APP_ID", "SMS_SIGN_NAME"]);
  if (e.SMS_PROVIDER !== "log") need(["SMS_CALLBACK_TOKEN"]);
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
