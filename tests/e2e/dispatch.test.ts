// Issue 19 on a phone (390×844): a grid worker reports a problem with the form, staff dispatch it to the partner
// the matcher ranks first, the partner accepts and fulfils, the grid worker reopens it once and then verifies it,
// and the street's admin sees overdue cases on the dashboard. Plain forms; screenshots of every step.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { horizontalOverflow, phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();
const demo = (login: string) => `${login}@demo.linli.local`;

async function fitsThePhone(page: Page, name: string) {
  await screenshot(page, name);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth, name).toBe(390);
  expect(scrollWidth, `${name}: ${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

async function act(page: Page, action: string, fill?: { label: string; value: string }) {
  const form = page.locator("form.action-form", { has: page.locator(`input[name="action"][value="${action}"]`) });
  if (fill) await form.getByLabel(fill.label).fill(fill.value);
  await Promise.all([page.waitForURL(new RegExp(`done=${action}`)), form.locator('button[type="submit"]').click()]);
}

describe("a problem from report to on-site check, on a phone", () => {
  let caseUrl = "";

  it("the grid worker reports it with the form", async () => {
    const page = await browser.signedIn(demo("wangge"), phone);
    await page.goto(`${browser.base}/problems/new`);
    await fitsThePhone(page, "dispatch-01-report-form");
    await page.getByLabel(text.problems.new.type).selectOption("stairwell_light");
    await page.getByLabel(text.problems.new.problemTitle).fill("14号楼1门楼道灯不亮");
    await page.getByLabel(text.problems.new.description).fill("楼道灯坏了，需要换灯泡");
    await page.getByLabel(text.problems.new.location).fill("14号楼1门");
    await Promise.all([page.waitForURL(/\/wishes\/.+\?done=posted/), page.getByRole("button", { name: text.problems.new.submit }).click()]);
    caseUrl = page.url().replace(/\?.*$/, "");
    await fitsThePhone(page, "dispatch-02-reported");
  });

  it("staff choose the first organisation the picker offers (the matcher's ranking, then the place's partners) and dispatch", async () => {
    const page = await browser.signedIn(demo("shequ"), phone);
    await page.goto(caseUrl);
    const picker = page.locator("form.action-form select[name=organisationId]");
    await expect.poll(() => picker.count(), polling).toBe(1);
    // Nothing is chosen for them: the form cannot be sent until staff pick an organisation.
    expect(await picker.inputValue()).toBe("");
    expect(await picker.evaluate((select: HTMLSelectElement) => select.form!.checkValidity())).toBe(false);
    const first = picker.locator("option:not([disabled])").first();
    expect(await first.textContent()).toBeTruthy();
    await picker.selectOption((await first.getAttribute("value"))!);
    await fitsThePhone(page, "dispatch-03-staff-picker");
    await act(page, "dispatch");
    await fitsThePhone(page, "dispatch-04-dispatched");
    expect(await page.locator("ol.history", { hasText: text.history.need_dispatch }).count()).toBe(1);
  });

  it("the partner accepts and fulfils; the grid worker reopens, then verifies", async () => {
    // The dispatched organisation's admin: the demo partners of 东新街道 each have one.
    const admins = [
      "qiye",
      "yinhang",
      "yiyuan",
      "duizhang",
      ...Array.from({ length: 20 }, (_, i) => `partner${String(i + 1).padStart(2, "0")}`),
    ];
    let page: Page | null = null;
    for (const login of admins) {
      const candidate = await browser.signedIn(demo(login), phone);
      await candidate.goto(caseUrl);
      if ((await candidate.locator('input[name="action"][value="accept"]').count()) > 0) {
        page = candidate;
        break;
      }
      await candidate.close();
    }
    expect(page, "an admin of the organisation it was dispatched to").not.toBeNull();
    await fitsThePhone(page!, "dispatch-05-partner-sees-accept");
    await act(page!, "accept");
    // The report needs a note: an empty one is stopped by the form (required), not sent.
    const fulfilForm = page!.locator("form.action-form", { has: page!.locator('input[name="action"][value="fulfil"]') });
    expect(await fulfilForm.locator('textarea[name="note"]').evaluate((el: HTMLTextAreaElement) => el.required)).toBe(true);
    await act(page!, "fulfil", { label: text.transitions.note, value: "已换新灯泡，楼道灯正常" });
    await fitsThePhone(page!, "dispatch-06-fulfilled");

    const grid = await browser.signedIn(demo("wangge"), phone);
    await grid.goto(caseUrl);
    await fitsThePhone(grid, "dispatch-07-grid-worker-checks");
    await act(grid, "reopen", { label: text.transitions.reopenReason, value: "灯还是不亮" });
    await page!.goto(caseUrl);
    await act(page!, "fulfil", { label: text.transitions.note, value: "更换了开关，再次试灯正常" });
    await grid.goto(caseUrl);
    await act(grid, "verify");
    await fitsThePhone(grid, "dispatch-08-verified");
    expect(await grid.locator("ol.history", { hasText: text.history.need_verify }).count()).toBe(1);
  });

  it("the street's admin sees the overdue cases flagged on the dashboard", async () => {
    const page = await browser.signedIn(demo("jiedao"), phone);
    await page.goto(`${browser.base}/`);
    // The header's link to the street's page (behind the menu on a phone).
    const href = await page.locator('#site-nav a[href^="/streets/"]').first().getAttribute("href");
    expect(href).toMatch(/^\/streets\//);
    await page.goto(`${browser.base}${href}`);
    await expect.poll(() => page.locator("#cases-heading").count(), polling).toBe(1);
    const flag = page.locator(".notice--warning", { hasText: "3号楼电梯" });
    expect(await flag.count()).toBe(1);
    await page.locator("#cases-heading").scrollIntoViewIfNeeded();
    await fitsThePhone(page, "dispatch-09-street-overdue");
  });
});
