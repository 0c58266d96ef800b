// Messages in the browser, on a phone (390×844): logging in with an SMS code from the login page,
// the notification settings, and the printable statement and wish slip staff hand over.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { horizontalOverflow, phone, polling, screenshot, signIn, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

describe("messages on a phone", () => {
  it("logs in with a code sent by SMS", async () => {
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/login`);
    await page.getByLabel(new RegExp(`^${text.auth.phone}( \\*)?$`)).fill("13800000001");
    await screenshot(page, "messages-01-login-code-phone");
    await page.getByRole("button", { name: text.messages.codeLogin.send }).tap();
    await expect.poll(() => page.getByLabel(text.messages.codeLogin.code).count(), polling).toBe(1);
    await screenshot(page, "messages-02-enter-code-phone");
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const code = async () => {
      const [m] = await db().execute<{ text: string }>(
        sql`select text from messages where "to" = '13800000001' and template = 'login_code' order by id desc limit 1`,
      );
      return m ? /\d{6}/.exec(m.text)![0] : null;
    };
    await expect.poll(code, polling).toMatch(/^\d{6}$/);
    await page.getByLabel(text.messages.codeLogin.code).fill((await code())!);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.getByRole("button", { name: text.messages.codeLogin.loginButton }).tap(),
    ]);
    await page.goto(`${browser.base}/notifications`);
    await expect.poll(() => page.getByRole("heading", { name: text.messages.settings.title }).count(), polling).toBe(1);
    await screenshot(page, "messages-03-notifications-phone");
  });

  it("shows staff a printable statement and wish slip", async () => {
    const page = await browser.newPage(phone);
    await signIn(page, browser.base, "shequ@demo.linli.local");
    const [who] = await db().execute<{ id: string; community: string }>(
      sql`select id, home_community_id as community from users where phone = '13800000001'`,
    );
    await page.goto(`${browser.base}/communities/${who!.community}/paper`);
    await screenshot(page, "messages-04-paper-index-phone");
    await page.goto(`${browser.base}/residents/${who!.id}/statement`);
    await expect.poll(() => page.getByRole("table").count(), polling).toBe(1);
    await screenshot(page, "messages-05-statement-phone");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: text.paper.print }).isVisible()).toBe(false);
    await screenshot(page, "messages-06-statement-print");
  });
});
