// Signing up on a phone (390×844): the form sends a code; the account exists, signed in, only once the code is entered.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { horizontalOverflow, phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

describe("signing up on a phone", () => {
  it("asks for the code sent to the phone, then signs the new account in", async () => {
    const number = "13766660001";
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/signup`);
    await page.getByLabel(text.auth.displayName).fill("小林");
    await page.getByLabel(text.auth.phone).fill(number);
    await page.getByLabel(text.auth.password).fill("long-enough-pw");
    await page.getByLabel(text.auth.community).selectOption({ label: "凤岐里社区" });
    await page.getByLabel(text.auth.consent).check();
    await screenshot(page, "signup-01-form-phone");
    await Promise.all([page.waitForURL(/\/signup\/confirm\?request=/), page.getByRole("button", { name: text.auth.signupButton }).tap()]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(text.signupCode.title);
    await screenshot(page, "signup-02-enter-code-phone");
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(await db().execute(sql`select 1 from users where phone = ${number}`)).toHaveLength(0);

    const [message] = await db().execute<{ text: string }>(sql`select text from messages where "to" = ${number} order by id desc limit 1`);
    const code = /\d{6}/.exec(message!.text)![0];
    await page.getByLabel(text.signupCode.code).fill(code);
    await Promise.all([page.waitForURL(/\/account$/), page.getByRole("button", { name: text.signupCode.confirm }).tap()]);
    await screenshot(page, "signup-03-signed-in-phone");
    expect(await db().execute(sql`select 1 from users where phone = ${number}`)).toHaveLength(1);
  });
});
