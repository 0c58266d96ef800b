// Large-text mode: the header's switch (a plain form, so it works without JavaScript) makes the text larger on every
// page, and the home page, the wish wall and the posting form still fit a phone and a desktop without sideways scrolling.
import { describe, expect, it } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { desktop, horizontalOverflow, phone, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

const pages = [
  ["home", "/"],
  ["wish-wall", "/wishes"],
  ["posting-form", "/wishes/new"],
] as const;

/** Font sizes in px of the page's heading and of its first paragraph, and whether large-text mode is on. */
async function textSizes(page: Page) {
  return page.evaluate(() => {
    const size = (selector: string) => parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
    return { heading: size("main h1"), paragraph: size("main p"), large: document.documentElement.classList.contains("large-text") };
  });
}

/** Presses the header's switch and waits for the page it returns to. */
async function pressSwitch(page: Page, name: string) {
  const path = new URL(page.url()).pathname;
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === "GET"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
}

const runs: [string, BrowserContextOptions][] = [
  // The phone without JavaScript: the switch is a plain form post.
  ["390", { ...phone, javaScriptEnabled: false }],
  ["1280", desktop],
];

describe.each(runs)("large-text mode at %spx", (width, options) => {
  it("makes the text at least a quarter larger, and the pages still fit the screen", async () => {
    // A resident, so that the posting form is there to check.
    const page = await browser.signedIn("jumin@demo.linli.local", options);
    const standard = new Map<string, Awaited<ReturnType<typeof textSizes>>>();
    for (const [name, path] of pages) {
      await page.goto(`${browser.base}${path}`);
      standard.set(name, await textSizes(page));
      expect(standard.get(name)!.large).toBe(false);
    }

    await page.goto(`${browser.base}/`);
    await pressSwitch(page, text.nav.largeText);
    expect(new URL(page.url()).pathname, "the switch returns to the page it was pressed on").toBe("/");

    for (const [name, path] of pages) {
      await page.goto(`${browser.base}${path}`);
      const large = await textSizes(page);
      const before = standard.get(name)!;
      expect(large.large, `${name}: large-text mode is on`).toBe(true);
      expect(large.paragraph / before.paragraph, `${name}: text ${before.paragraph}px → ${large.paragraph}px`).toBeGreaterThanOrEqual(1.25);
      expect(large.heading / before.heading, `${name}: heading ${before.heading}px → ${large.heading}px`).toBeGreaterThanOrEqual(1.25);
      await screenshot(page, `large-text-${width}-${name}`);
      const { scrollWidth, innerWidth } = await horizontalOverflow(page);
      // A phone zooms out to fit a page that is too wide, which widens the viewport itself: so check the width too.
      expect(innerWidth, `${name} at ${width}px in large-text mode is wider than the screen`).toBe(Number(width));
      expect(scrollWidth, `${name} at ${width}px in large-text mode scrolls sideways`).toBeLessThanOrEqual(innerWidth);
    }

    // And back: the same place now offers standard text.
    await pressSwitch(page, text.nav.standardText);
    expect((await textSizes(page)).large).toBe(false);
    await page.context().close();
  });
});

describe("the header's switches keep what was typed", () => {
  it("a half-written wish survives 大字模式 and the language switch (both reload the page), and is not put back on a later visit", async () => {
    const page = await browser.signedIn("jumin@demo.linli.local", phone);
    await page.goto(`${browser.base}/wishes/new`);
    await page.waitForSelector("html[data-hydrated]");
    const title = "楼道灯坏了想找人修";
    const description = "我家住三楼，楼道灯一闪一闪的，晚上下楼看不清";
    await page.fill('input[name="title"]', title);
    await page.fill('textarea[name="description"]', description);
    const fields = () => page.evaluate(() => ({
      title: document.querySelector<HTMLInputElement>('input[name="title"]')!.value,
      description: document.querySelector<HTMLTextAreaElement>('textarea[name="description"]')!.value,
      large: document.documentElement.classList.contains("large-text"),
      lang: document.documentElement.lang,
    }));

    await pressSwitch(page, text.nav.largeText);
    await page.waitForSelector("html[data-hydrated]");
    await expect.poll(fields).toEqual({ title, description, large: true, lang: "zh-CN" });
    await screenshot(page, "large-text-390-kept-draft");

    await Promise.all([page.waitForURL(`${browser.base}/wishes/new`), page.getByRole("button", { name: text.nav.switchTo }).click()]);
    await page.waitForSelector('html[lang="en"][data-hydrated]');
    await expect.poll(fields).toEqual({ title, description, large: true, lang: "en" });

    // A draft is for the reload that follows the switch, not for the next time the page is opened.
    await page.goto(`${browser.base}/wishes/new`);
    await page.waitForSelector("html[data-hydrated]");
    expect(await fields()).toMatchObject({ title: "", description: "" });
    await page.context().close();
  });
});
