// The app's signing secret (venue check-in codes, certificates): LINLI_SECRET, or one generated once
// and kept in the data folder, so codes stay valid across restarts.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

let cached: string | null = null;

export function appSecret(): string {
  if (process.env.LINLI_SECRET) return process.env.LINLI_SECRET;
  if (cached) return cached;
  const file = path.join(path.resolve(env().LINLI_DATA_DIR), "secrets.json");
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
  if (!stored.appSecret) {
    stored.appSecret = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  cached = stored.appSecret;
  return cached;
}

/** `payload.signature`, both base64url: tamper-evident, not secret. */
export function signToken(payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signature = createHmac("sha256", appSecret()).update(body).digest("base64url");
  return `${body}.${signature}`;
}

export function readSignedToken<T>(token: string): T | null {
  const [body, signature] = token.split(".");
  if (!body || !signature) return null;
  const expected = createHmac("sha256", appSecret()).update(body).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}
