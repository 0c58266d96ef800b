// A phone-sized run (390×844, touch): a resident posts a wish and the public sees its page, and no page scrolls sideways;
// the header folds its navigation into a menu (that works without JavaScript), records and the calendar fit the screen.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  describeViolations,
  desktop,
  horizontalOverflow,
  phone,
  polling,
  screenshot,
  seriousAxeViolations,
  signIn,
  text,
} from "./support/browser";
import { ARTIFACTS_DIR } from "./support/global-setup";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

/** Screenshots the page and fails when it is wider than the phone's screen. */
async function expectFitsTheScreen(page: Page, name: string) {
  await screenshot(page, name);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  // A phone zooms out to fit a page that is too wide, which widens the viewport itself: so check the width too.
  expect(innerWidth, `${name}: ${page.url()} is wider than the phone, which zoomed out`).toBe(390);
  expect(scrollWidth, `${name}: ${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

const statusOf = (page: Page) => page.locator(".need-card__meta .badge").first().textContent();

describe("on a phone", () => {
  const title = "家里灯泡坏了，想请人帮忙换一下";
  let wishId = "";

  it("a resident posts a wish through the form", async () => {
    const page = await browser.signedIn("jumin@demo.linli.local", phone);
    await page.goto(`${browser.base}/wishes/new`);
    await page.getByLabel(text.post.wishTitle).fill(title);
    await page.getByLabel(text.post.description).fill("厨房的灯泡坏了，我够不着，想请志愿者上门帮忙换个灯泡。");
    await page.getByLabel(text.post.category, { exact: true }).selectOption("repair");
    await expectFitsTheScreen(page, "phone-01-resident-fills-the-form");
    await Promise.all([
      page.waitForURL(/\/wishes\/[0-9a-f-]{36}\?done=submitted$/),
      page.getByRole("button", { name: text.post.submit, exact: true }).tap(),
    ]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(title);
    await expectFitsTheScreen(page, "phone-02-resident-sees-the-wish");
    wishId = new URL(page.url()).pathname.split("/").pop()!;
  });

  it("community staff approve it from the review queue", async () => {
    const page = await browser.signedIn("shequ@demo.linli.local", phone);
    await page.goto(`${browser.base}/review`);
    const card = page.locator(".review-list > li").filter({ has: page.getByRole("link", { name: title }) });
    await expect.poll(() => card.count(), polling).toBe(1);
    await expectFitsTheScreen(page, "phone-03-staff-review-queue");
    await Promise.all([
      page.waitForURL(`**/wishes/${wishId}?done=approve`),
      card.getByRole("button", { name: text.transitions.approve }).tap(),
    ]);
    await expect.poll(() => statusOf(page), polling).toBe(text.status.published);
  });

  it("the public sees the wish page, the wish wall and the home page without sideways scrolling", async () => {
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/wishes/${wishId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(title);
    await expect.poll(() => statusOf(page), polling).toBe(text.status.published);
    await expectFitsTheScreen(page, "phone-04-public-wish-page");
    await page.goto(`${browser.base}/wishes`);
    await expect.poll(() => page.getByRole("link", { name: title }).count(), polling).toBe(1);
    await expectFitsTheScreen(page, "phone-05-public-wish-wall");
    await page.goto(`${browser.base}/`);
    await expectFitsTheScreen(page, "phone-06-public-home");
  });

  it("a partner's claim form, with its long offer names, fits the phone", async () => {
    const page = await browser.signedIn("yinhang@demo.linli.local", phone);
    await page.goto(`${browser.base}/wishes/${wishId}`);
    const picker = page.locator('select[name="offerId"]');
    await expect.poll(() => picker.count(), polling).toBe(1);
    expect(await picker.locator("option").count()).toBeGreaterThan(1);
    await expectFitsTheScreen(page, "phone-07-partner-claim-form");
  });
});

describe("the header on a phone", () => {
  const volunteer = "zhiyuanzhe@demo.linli.local";
  const menuButton = (page: Page) => page.locator(".site-header summary", { hasText: text.siteMenu.button });
  const navLink = (page: Page, name: string) =>
    page.getByRole("navigation", { name: text.nav.main }).getByRole("link", { name, exact: true });

  it("is one short row whose menu opens the navigation without JavaScript, with the text and language switches in view", async () => {
    const page = await browser.newPage({ ...phone, javaScriptEnabled: false });
    await signIn(page, browser.base, volunteer);
    await page.goto(`${browser.base}/`);
    // Before: 330 px, a third of the screen, the navigation spelled out.
    const header = (await page.locator(".site-header").boundingBox())!;
    expect(header.height, "the header's height on a 844 px screen").toBeLessThanOrEqual(100);
    expect(await navLink(page, text.nav.myHours).isVisible(), "the navigation is folded away").toBe(false);
    for (const name of [text.nav.largeText, text.nav.switchTo]) {
      const box = (await page.getByRole("button", { name }).boundingBox())!;
      expect(box.y + box.height, `${name} is in the header's row`).toBeLessThanOrEqual(header.height);
    }
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "phone-header-after.png") });

    await menuButton(page).tap();
    await expect.poll(() => navLink(page, text.nav.myHours).isVisible(), polling).toBe(true);
    await expectFitsTheScreen(page, "phone-header-menu-open");
    await Promise.all([page.waitForURL("**/my/hours"), navLink(page, text.nav.myHours).tap()]);
    expect(await navLink(page, text.nav.myHours).isVisible(), "the menu is closed on the next page").toBe(false);
  });

  it("passes axe with its menu open, and closes the menu after a client-side navigation", async () => {
    const page = await browser.signedIn(volunteer, phone);
    await page.goto(`${browser.base}/`);
    await menuButton(page).tap();
    await expect.poll(() => navLink(page, text.nav.activities).isVisible(), polling).toBe(true);
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations("the phone header with its menu open", violations)).toEqual([]);
    await Promise.all([page.waitForURL("**/activities"), navLink(page, text.nav.activities).tap()]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(text.activities.title);
    expect(await navLink(page, text.nav.activities).isVisible()).toBe(false);
  });

  it("stays one row in English, whose words are longer", async () => {
    const page = await browser.signedIn(volunteer, phone);
    await page.goto(`${browser.base}/`);
    await Promise.all([page.waitForURL(`${browser.base}/`), page.getByRole("button", { name: text.nav.switchTo }).tap()]);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), polling).toBe("en");
    expect((await page.locator(".site-header").boundingBox())!.height).toBeLessThanOrEqual(100);
    await expectFitsTheScreen(page, "phone-header-english");
  });

  it("shows the whole navigation and no menu button on a wide screen", async () => {
    const page = await browser.signedIn(volunteer, desktop);
    await page.goto(`${browser.base}/`);
    expect(await menuButton(page).isVisible()).toBe(false);
    expect(await navLink(page, text.nav.myHours).isVisible()).toBe(true);
  });
});

describe("records on a phone", () => {
  it("/my/hours shows one card per entry, its cells as wide as the screen", async () => {
    const page = await browser.signedIn("zhiyuanzhe@demo.linli.local", phone);
    await page.goto(`${browser.base}/my/hours`);
    // Before: a five-column table 426 px wide whose columns held one character a line.
    const cell = (await page.locator("main table tbody td").first().boundingBox())!;
    expect(cell.width, "the activity's cell").toBeGreaterThan(300);
    await expectFitsTheScreen(page, "my-hours-after");
  });

  it("the activities of the month are a list with whole titles, not a grid of one character each", async () => {
    const page = await browser.newPage(phone);
    await page.goto(`${browser.base}/activities`);
    expect(await page.locator("table.calendar").isVisible(), "the month grid").toBe(false);
    const first = page.locator("main .need-card__title a").first();
    const title = (await first.textContent())!;
    expect(title.length).toBeGreaterThan(3);
    // The whole title shows on one or two lines.
    expect((await first.boundingBox())!.height).toBeLessThan(80);
    await expectFitsTheScreen(page, "phone-activities");
  });
});
