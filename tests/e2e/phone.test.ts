// A phone-sized run (390×844, touch): a resident posts a wish and the public sees its page, and no page scrolls sideways.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { horizontalOverflow, phone, polling, screenshot, text } from "./support/browser";
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
});
