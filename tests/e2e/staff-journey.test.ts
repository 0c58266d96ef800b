// Community staff's work and the forgotten-password flow, in the browser on desktop and on a phone:
// the counted review queue with photos and posters, registering a resident with its next steps, a
// printed login slip the resident uses, 忘记密码 by SMS code, and an overlapping agreement refused.
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { db } from "~/lib/db.server";
import { desktop, horizontalOverflow, phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

async function expectFitsThePhone(page: Page, name: string) {
  await screenshot(page, name);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth, `${name}: ${page.url()} made the phone zoom out`).toBe(390);
  expect(scrollWidth, `${name}: ${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

async function latestCodeSentTo(to: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const [row] = await db().execute<{ text: string; status: string }>(
        sql`select text, status from messages where "to" = ${to} order by id desc limit 1`,
      );
      code = row?.status === "sent" ? /\d{6}/.exec(row.text)?.[0] : undefined;
      return code;
    }, polling)
    .toBeDefined();
  return code!;
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("community staff", () => {
  const title = "门口的扶手松了，想请人加固";

  it("a resident's new wish reaches staff: a notification, a count beside 待审核, the photo and the poster in the queue", async () => {
    const resident = await browser.signedIn("jumin@demo.linli.local");
    await resident.goto(`${browser.base}/wishes/new`);
    await resident.getByLabel(text.post.wishTitle).fill(title);
    await resident.getByLabel(text.post.description).fill("单元门口的扶手晃得厉害，老人上下台阶不放心。");
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#c96" } })
      .jpeg()
      .toBuffer();
    await resident.locator('input[name="photos"]').setInputFiles({ name: "rail.jpg", mimeType: "image/jpeg", buffer: photo });
    await Promise.all([
      resident.waitForURL(/\/wishes\/[0-9a-f-]{36}\?done=submitted$/),
      resident.getByRole("button", { name: text.post.submit, exact: true }).click(),
    ]);

    const staff = await browser.signedIn("shequ@demo.linli.local");
    const reviewLink = staff.getByRole("navigation").getByRole("link", { name: new RegExp(`^${text.nav.review}`) });
    await expect.poll(() => reviewLink.locator(".count-badge").textContent(), polling).toMatch(/^\d+$/);
    await staff.goto(`${browser.base}/notifications`);
    await expect.poll(() => staff.getByRole("link", { name: `新心愿待审核：“${title}”` }).count(), polling).toBe(1);
    await screenshot(staff, "staff-01-notified-of-new-wish");
    await staff.goto(`${browser.base}/review`);
    const card = staff.locator(".review-list > li").filter({ has: staff.getByRole("link", { name: title }) });
    await expect.poll(() => card.locator(".review-list__photos img").count(), polling).toBe(1);
    // The thumbnail loads lazily: bring it into view first.
    await card.locator("img").scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth), polling).toBeGreaterThan(0);
    expect(await card.locator(".review-list__poster").textContent()).toMatch(/居民本人/);
    await screenshot(staff, "staff-02-review-queue-desktop");

    const onPhone = await browser.signedIn("shequ@demo.linli.local", phone);
    await onPhone.goto(`${browser.base}/review`);
    const phoneCard = onPhone.locator(".review-list > li").filter({ has: onPhone.getByRole("link", { name: title }) });
    await phoneCard.locator("img").scrollIntoViewIfNeeded();
    await expect.poll(() => phoneCard.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth), polling).toBeGreaterThan(0);
    await expectFitsThePhone(onPhone, "staff-03-review-queue-phone");
  });

  let slipCode = "";

  it("registers a resident, prints the login slip, and posts a wish for them with the resident already chosen", async () => {
    const staff = await browser.signedIn("shequ@demo.linli.local");
    await staff.goto(`${browser.base}/residents/new`);
    await staff.getByLabel(text.residents.displayName).fill("赵大爷");
    await staff.getByLabel(text.residents.phone).fill("13600002222");
    await staff.getByLabel(text.residents.consent).check();
    await staff.getByRole("button", { name: text.residents.create }).click();
    await expect.poll(() => staff.getByRole("heading", { name: text.residents.nextSteps }).count(), polling).toBe(1);
    await screenshot(staff, "staff-04-resident-registered-next-steps");

    await Promise.all([
      staff.waitForURL(/\/residents\/[0-9a-f-]{36}\/slip$/),
      staff.getByRole("button", { name: text.residents.printSlip }).click(),
    ]);
    await expect.poll(() => staff.locator(".login-slip__code").textContent(), polling).toMatch(/^\d{8}$/);
    slipCode = (await staff.locator(".login-slip__code").textContent())!;
    expect(await staff.locator(".login-slip").textContent()).toContain("13600002222");
    await screenshot(staff, "staff-05-login-slip");

    const residentId = staff.url().split("/")[4]!;
    await staff.goto(`${browser.base}/wishes/new?for=${residentId}`);
    await expect.poll(() => staff.locator('select[name="onBehalfUserId"]').inputValue(), polling).toBe(residentId);
    await staff.getByLabel(text.post.wishTitle).fill("想请志愿者陪同去社区医院复查");
    await screenshot(staff, "staff-06-post-for-resident-preselected");
    await Promise.all([
      staff.waitForURL(/\/wishes\/[0-9a-f-]{36}\?done=posted$/),
      staff.getByRole("button", { name: text.post.submit, exact: true }).click(),
    ]);
    await expect.poll(() => h1(staff), polling).toBe("想请志愿者陪同去社区医院复查");
  });

  it("the resident sets a first password with the slip's code on a phone", async () => {
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/password-reset/confirm`);
    await page.getByLabel(text.auth.login).fill("13600002222");
    await page.getByLabel(text.passwordReset.code).fill(slipCode);
    await page.locator("input[name=newPassword]").fill("zhao-daye-2026");
    await page.getByLabel(text.account.confirmPassword).fill("zhao-daye-2026");
    await expectFitsThePhone(page, "staff-07-resident-enters-slip-code-phone");
    await Promise.all([page.waitForURL(/\/login\?reset=done$/), page.getByRole("button", { name: text.passwordReset.setPassword }).tap()]);
    await expectFitsThePhone(page, "staff-08-password-set-phone");
    await page.getByLabel(text.auth.login).fill("13600002222");
    await page.getByLabel(text.auth.password).fill("zhao-daye-2026");
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/login"),
      page.getByRole("button", { name: text.auth.loginButton }).tap(),
    ]);
  });

  it("a second agreement overlapping the bank's is refused beside the dates", async () => {
    const [existing] = await db().execute<{ community_id: string; starts_on: string; ends_on: string; organisation_id: string }>(sql`
      select a.community_id, a.starts_on::text, a.ends_on::text, a.organisation_id from agreements a
      join memberships m on m.organisation_id = a.organisation_id join users u on u.id = m.user_id
      where u.email = 'yinhang@demo.linli.local' and a.status = 'active' and a.community_id is not null limit 1`);
    const staff = await browser.signedIn("shequ@demo.linli.local");
    await staff.goto(`${browser.base}/communities/${existing!.community_id}`);
    await staff.getByLabel(text.place.organisation).selectOption(existing!.organisation_id);
    await staff.getByLabel(text.place.startsOn).fill(existing!.starts_on);
    await staff.getByLabel(text.place.endsOn).fill(existing!.ends_on);
    await staff.getByRole("button", { name: text.place.proposeButton }).click();
    await expect.poll(() => staff.locator("#field-startsOn-error").textContent(), polling).toBe(text.fieldErrors.agreement_overlap);
    await staff.locator("#field-startsOn").scrollIntoViewIfNeeded();
    await screenshot(staff, "staff-09-agreement-overlap-refused");
  });

  it("the account page shows staff no 邀请 link", async () => {
    const staff = await browser.signedIn("shequ@demo.linli.local", phone);
    await staff.goto(`${browser.base}/account`);
    expect(await staff.getByRole("link", { name: text.invitations.title, exact: true }).count()).toBe(0);
    expect(await staff.getByRole("link", { name: text.residents.newTitle }).count()).toBe(1);
    await expectFitsThePhone(staff, "staff-10-account-phone");
  });
});

describe("forgotten password", () => {
  it("the phone-login resident gets a code by SMS and sets a new password, on a phone", async () => {
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/login`);
    await page.getByRole("link", { name: text.passwordReset.forgotLink }).tap();
    await expect.poll(() => h1(page), polling).toBe(text.passwordReset.title);
    await page.getByLabel(text.auth.login).fill("13800000001");
    await expectFitsThePhone(page, "reset-01-request-phone");
    await page.getByRole("button", { name: text.passwordReset.send }).tap();
    await expect.poll(() => page.getByRole("status").textContent(), polling).toContain("13800000001");
    const code = await latestCodeSentTo("13800000001");
    await page.getByLabel(text.passwordReset.code).fill(code);
    await page.locator("input[name=newPassword]").fill("new-phone-pass-1");
    await page.getByLabel(text.account.confirmPassword).fill("new-phone-pass-1");
    await expectFitsThePhone(page, "reset-02-enter-code-phone");
    await Promise.all([page.waitForURL(/\/login\?reset=done$/), page.getByRole("button", { name: text.passwordReset.setPassword }).tap()]);
    await page.getByLabel(text.auth.login).fill("13800000001");
    await page.getByLabel(text.auth.password).fill("new-phone-pass-1");
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/login"),
      page.getByRole("button", { name: text.auth.loginButton }).tap(),
    ]);
  });

  it("works without JavaScript on desktop, and a wrong code says so beside the field", async () => {
    const page = await browser.newPage({ ...desktop, javaScriptEnabled: false });
    await page.goto(`${browser.base}/password-reset`);
    await page.getByLabel(text.auth.login).fill("jumin2@demo.linli.local");
    await screenshot(page, "reset-03-request-desktop");
    await page.getByRole("button", { name: text.passwordReset.send }).click();
    await page.getByLabel(text.passwordReset.code).waitFor();
    const code = await latestCodeSentTo("jumin2@demo.linli.local");
    const wrong = code === "000000" ? "111111" : "000000";
    await page.getByLabel(text.passwordReset.code).fill(wrong);
    await page.locator("input[name=newPassword]").fill("jumin2-new-pass");
    await page.getByLabel(text.account.confirmPassword).fill("jumin2-new-pass");
    await page.getByRole("button", { name: text.passwordReset.setPassword }).click();
    await expect.poll(() => page.locator("#field-code-error").textContent(), polling).toBe(text.fieldErrors.code_invalid);
    await screenshot(page, "reset-04-wrong-code-desktop");
    await page.getByLabel(text.passwordReset.code).fill(code);
    await page.locator("input[name=newPassword]").fill("jumin2-new-pass");
    await page.getByLabel(text.account.confirmPassword).fill("jumin2-new-pass");
    await Promise.all([
      page.waitForURL(/\/login\?reset=done$/),
      page.getByRole("button", { name: text.passwordReset.setPassword }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toBe(text.passwordReset.done);
  });
});
