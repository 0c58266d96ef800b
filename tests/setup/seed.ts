import * as schema from "#db/schema";
import { seedDemoData } from "#db/seed";
import { now as clockNow } from "~/lib/clock.server";
import { db } from "~/lib/db.server";

// Tests need real hashes only where they log in; a fixed placeholder keeps the suite fast.
export const TEST_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$dGVzdHNhbHR0ZXN0c2FsdA$3Q9nB3sTj8k7uJ6v4hzr0tq9F1Wl6dXz9YI2m0p1k2E";

/** The demo data as of the app's clock (fixed by the test configuration), unless told another time. */
export function seedDemo(now = clockNow(), passwordHash = TEST_PASSWORD_HASH) {
  return seedDemoData(db(), { passwordHash, now });
}

export { schema };
