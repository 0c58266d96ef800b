// Bounds on hours in a real browser, without JavaScript needed: an activity dated 2100 is refused on the form with
// the field's message; a day over 8 hours waits, approved once, for a second organiser, who approves it.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { nowMs, resetClock, setClock } from "~/lib/clock.server";
import { tianjinDateTimeLocal, tianjinMidnight } from "~/lib/tianjin-time";
import { phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();
afterAll(() => resetClock());
const HOUR = 3_600_000;

async function fillActivity(page: Page, title: string, startsAt: string, endsAt: string) {
  await page.goto(`${browser.base}/activities/new`);
  await page.locator("[name=title]").fill(title);
  await page.locator("[name=category]").selectOption("environment");
  await page.locator("[name=communityId]").selectOption({ label: "沙柳北路社区" });
  // The organiser's team (a team's admin is offered no 由社区组织).
  const team = await page.locator("[name=organisationId] option:not([value=''])").first().getAttribute("value");
  await page.locator("[name=organisationId]").selectOption(team!);
  await page.locator("[name=startsAt]").fill(startsAt);
  await page.locator("[name=endsAt]").fill(endsAt);
}

describe("bounds on hours", () => {
  let activityUrl = "";

  it("an activity dated 2100 is refused on the form, with the field's message, on a phone too", async () => {
    for (const [options, name] of [
      [undefined, "bounds-01-activity-2100-refused"],
      [phone, "bounds-01-activity-2100-refused-phone"],
    ] as const) {
      const organiser = await browser.signedIn("duizhang@demo.linli.local", options);
      await fillActivity(organiser, "百年活动", "2100-01-01T09:00", "2100-01-01T11:00");
      await organiser.getByRole("button", { name: text.activities.create }).click();
      await expect.poll(() => organiser.locator(".field--error").textContent(), polling).toContain(text.fieldErrors.activity_out_of_window);
      expect(new URL(organiser.url()).pathname).toBe("/activities/new");
      await screenshot(organiser, name);
    }
  });

  it("a ten-hour activity: the volunteer signs up, the organiser records the day", async () => {
    const organiser = await browser.signedIn("duizhang@demo.linli.local");
    const start = tianjinMidnight(nowMs()).getTime() + 20 * 24 * HOUR + 8 * HOUR;
    await fillActivity(organiser, "全天敬老服务", tianjinDateTimeLocal(start), tianjinDateTimeLocal(start + 10 * HOUR));
    await Promise.all([
      organiser.waitForURL(/\/activities\/[0-9a-f-]{36}$/),
      organiser.getByRole("button", { name: text.activities.create }).click(),
    ]);
    activityUrl = organiser.url();

    const volunteer = await browser.signedIn("zhiyuanzhe@demo.linli.local");
    await volunteer.goto(activityUrl);
    await Promise.all([volunteer.waitForURL(/done=signUp/), volunteer.getByRole("button", { name: text.activities.signUp }).click()]);

    // The evening after it: the day is recorded and approved once it has been served.
    setClock(start + 12 * HOUR);
    await organiser.goto(activityUrl);
    const panel = organiser.locator("section.organiser");
    await panel.getByLabel(text.activities.volunteer, { exact: true }).selectOption({ label: "林欣怡" });
    await Promise.all([
      organiser.waitForURL(/done=record/),
      panel.getByRole("button", { name: text.activities.recordButton, exact: true }).click(),
    ]);
    const row = organiser.getByRole("row").filter({ hasText: "林欣怡" });
    await expect.poll(() => row.getByRole("cell").nth(2).textContent(), polling).toBe("600");
  });

  it("the organiser's approval leaves it waiting for a second organiser; the community's staff approve it", async () => {
    const organiser = await browser.signedIn("duizhang@demo.linli.local");
    await organiser.goto(activityUrl);
    const row = organiser.getByRole("row").filter({ hasText: "林欣怡" });
    await Promise.all([
      organiser.waitForURL(/done=approve/),
      row.getByRole("button", { name: text.transitions.approve, exact: true }).click(),
    ]);
    await expect.poll(() => row.textContent(), polling).toContain(text.hourBounds.awaitingSecondApproval);
    expect(await row.textContent()).toContain(text.hourStatus.pending);
    await screenshot(organiser, "bounds-02-awaiting-second-approval");

    // The same organiser again: refused, with the reason on the page.
    await row.getByRole("button", { name: text.transitions.approve, exact: true }).click();
    await expect.poll(() => organiser.getByText(text.fieldErrors.second_approver_required).count(), polling).toBe(1);
    expect(await organiser.getByText(text.transitions.doneGeneric).count()).toBe(0);
    await screenshot(organiser, "bounds-03-same-approver-refused");

    const staff = await browser.signedIn("shequ@demo.linli.local");
    await staff.goto(activityUrl);
    const staffRow = staff.getByRole("row").filter({ hasText: "林欣怡" });
    await Promise.all([
      staff.waitForURL(/done=approve/),
      staffRow.getByRole("button", { name: text.transitions.approve, exact: true }).click(),
    ]);
    await expect.poll(() => staffRow.textContent(), polling).toContain(text.hourStatus.approved);
    expect(await staffRow.textContent()).not.toContain(text.hourBounds.awaitingSecondApproval);
    await screenshot(staff, "bounds-04-second-organiser-approved");
  });
});
