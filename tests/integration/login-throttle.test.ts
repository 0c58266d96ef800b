// Issue 14, "Login limits": the address limit slows guessing down (a progressive delay) instead of
// locking everyone behind a shared address out for a day, and it holds under parallel guesses.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetClock, setClock, nowMs } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { authenticate } from "~/modules/accounts/accounts.server";
import {
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FREE_FAILURES,
  ADDRESS_MAX_DELAY_SECONDS,
  addressDelaySeconds,
} from "~/modules/accounts/login-throttle.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { createUser } from "../setup/fixtures";

const PASSWORD = "right-password-2026";
let phone: string;

beforeAll(async () => {
  phone = "13711112222";
  await createUser({ phone, passwordHash: await hashPassword(PASSWORD) });
});
afterAll(() => resetClock());

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : `crash: ${String(error)}`),
  );
const failuresFrom = async (address: string) =>
  Number((await db().execute<{ n: string }>(sql`select count(*)::text as n from login_failures where address = ${address}`))[0]!.n);

describe("the address limit", () => {
  it("grows the delay step by step and caps it", () => {
    expect(addressDelaySeconds(ADDRESS_FREE_FAILURES - 1)).toBe(0);
    expect(addressDelaySeconds(ADDRESS_FREE_FAILURES)).toBe(1);
    expect(addressDelaySeconds(ADDRESS_FREE_FAILURES + 10)).toBe(2);
    expect(addressDelaySeconds(ADDRESS_FREE_FAILURES + 25)).toBe(4);
    expect(addressDelaySeconds(100_000)).toBe(ADDRESS_MAX_DELAY_SECONDS);
  });

  it("holds under 130 parallel wrong guesses: no more than one past the allowance is checked", async () => {
    const address = "203.0.113.7";
    // Many accounts (password spraying), so the per-account lock plays no part.
    const results = await Promise.all(
      Array.from({ length: 130 }, (_, i) => outcome(authenticate(`138${String(i).padStart(8, "0")}`, "guess", address))),
    );
    const wrong = results.filter((r) => r === "unauthenticated").length;
    const limited = results.filter((r) => r === "rate_limited").length;
    expect(results.filter((r) => r.startsWith("crash"))).toEqual([]);
    expect(wrong + limited).toBe(130);
    // The allowance, plus the one attempt that opened the first delay.
    expect(wrong).toBeLessThanOrEqual(ADDRESS_FREE_FAILURES + 1);
    expect(wrong).toBeGreaterThanOrEqual(ADDRESS_FREE_FAILURES);
    expect(await failuresFrom(address)).toBe(wrong);
  });

  it("lets 30 people behind one address sign in at the same moment", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => outcome(authenticate(phone, PASSWORD, "192.0.2.50"))));
    expect(results).toEqual(Array(30).fill("ok"));
  });

  it("never locks out the right password for a day: it waits its turn, then works", async () => {
    const address = "203.0.113.8";
    for (let i = 0; i < ADDRESS_FREE_FAILURES + 30; i++) {
      const result = await outcome(authenticate(`139${String(i).padStart(8, "0")}`, "guess", address));
      if (result === "rate_limited") setClock(nowMs() + ADDRESS_MAX_DELAY_SECONDS * 1000);
      else expect(result).toBe("unauthenticated");
    }
    setClock(nowMs() + ADDRESS_MAX_DELAY_SECONDS * 1000);
    expect(await outcome(authenticate("13800009999", "guess", address))).toBe("unauthenticated");
    // Right now the address is waiting its turn: even the right password is asked to wait (seconds, not a day).
    const waiting = await authenticate(phone, PASSWORD, address).catch((e: AppError) => e);
    expect(waiting).toBeInstanceOf(AppError);
    expect((waiting as AppError).code).toBe("rate_limited");
    const seconds = Number(/in (\d+) seconds/.exec((waiting as AppError).message)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(ADDRESS_MAX_DELAY_SECONDS);
    setClock(nowMs() + seconds * 1000);
    expect(await outcome(authenticate(phone, PASSWORD, address))).toBe("ok");
    // A success does not make the next person behind the address wait.
    expect(await outcome(authenticate(phone, PASSWORD, address))).toBe("ok");
    // A wrong guess right after is still spaced out.
    expect(await outcome(authenticate("13900000000", "guess", address))).toBe("unauthenticated");
    expect(await outcome(authenticate("13900000001", "guess", address))).toBe("rate_limited");
  });

  it("starts again from nothing the next day", async () => {
    const address = "203.0.113.9";
    for (let i = 0; i < ADDRESS_FREE_FAILURES + 1; i++) await outcome(authenticate(`137${String(i).padStart(8, "0")}`, "guess", address));
    expect(await outcome(authenticate("13600000000", "guess", address))).toBe("rate_limited");
    setClock(nowMs() + 25 * 3_600_000);
    for (let i = 0; i < 5; i++)
      expect(await outcome(authenticate(`136${String(i).padStart(8, "0")}`, "guess", address))).toBe("unauthenticated");
  });
});

describe("the per-account lock (unchanged)", () => {
  it("locks one account from one address after 10 failures, also for the right password, and not from elsewhere", async () => {
    const address = "198.51.100.1";
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect(await outcome(authenticate(phone, "wrong", address))).toBe("unauthenticated");
    expect(await outcome(authenticate(phone, PASSWORD, address))).toBe("rate_limited");
    expect(await outcome(authenticate(phone, PASSWORD, "198.51.100.2"))).toBe("ok");
  });

  it("holds under parallel guesses at one account", async () => {
    const address = "198.51.100.3";
    const results = await Promise.all(Array.from({ length: 30 }, () => outcome(authenticate(phone, "wrong", address))));
    expect(results.filter((r) => r === "unauthenticated").length).toBe(ACCOUNT_FAILURE_LIMIT);
    expect(results.filter((r) => r === "rate_limited").length).toBe(30 - ACCOUNT_FAILURE_LIMIT);
  });
});
