// Volunteer hours in a real browser: a volunteer signs up for an activity, the organiser records the attendance
// and approves the hours, and the volunteer finds them on /my/hours and on the printable certificate.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { resetClock, setClock } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();
afterAll(() => resetClock());

/** The approved hours figure on /my/hours. */
async function approvedHours(page: Page): Promise<number> {
  const figure = page.locator(".figure").filter({ has: page.getByText(text.hours.figures.approvedHours, { exact: true }) });
  return Number((await figure.locator("dd").textContent())!.replace(/,/g, ""));
}

describe("volunteer hours, from sign-up to certificate", () => {
  // The demo volunteer 林欣怡 (zhiyuanzhe) is in the team 东新街道红马甲志愿服务队, whose admin (duizhang) organises its activities.
  let activity: { id: string; title: string; minutes: number; ends_at: Date };
  let volunteer: Page;
  let hoursBefore = 0;

  it("the volunteer's team has an upcoming activity with places left", async () => {
    const rows = await db().execute<{ id: string; title: string; minutes: number; ends_at: Date }>(sql`
      select a.id, a.title, (extract(epoch from a.ends_at - a.starts_at) / 60)::int as minutes, a.ends_at
      from activities a
      join memberships m on m.organisation_id = a.organisation_id and m.role = 'org_admin'
      join users u on u.id = m.user_id and u.email = 'duizhang@demo.linli.local'
      where a.status = 'scheduled' and a.starts_at > now()
        and (select count(*) from activity_signups s where s.activity_id = a.id and s.status = 'signed_up') < a.capacity
        and not exists (select 1 from activity_signups s join users v on v.id = s.volunteer_id
                        where s.activity_id = a.id and s.status = 'signed_up' and v.email = 'zhiyuanzhe@demo.linli.local')
      order by a.starts_at limit 1`);
    expect(rows).toHaveLength(1);
    activity = rows[0]!;
    expect(activity.minutes).toBeGreaterThan(0);
  });

  it("the volunteer signs up on the activity's page", async () => {
    volunteer = await browser.signedIn("zhiyuanzhe@demo.linli.local");
    await volunteer.goto(`${browser.base}/my/hours`);
    hoursBefore = await approvedHours(volunteer);
    await volunteer.goto(`${browser.base}/activities/${activity.id}`);
    await expect.poll(() => volunteer.getByRole("heading", { level: 1 }).textContent(), polling).toBe(activity.title);
    await screenshot(volunteer, "hours-01-volunteer-opens-the-activity");
    await Promise.all([
      volunteer.waitForURL(`**/activities/${activity.id}?done=signUp`),
      volunteer.getByRole("button", { name: text.activities.signUp }).click(),
    ]);
    await expect.poll(() => volunteer.getByRole("button", { name: text.activities.cancel }).count(), polling).toBe(1);
    await screenshot(volunteer, "hours-02-volunteer-signed-up");
  });

  it("the organiser records the attendance and approves the hours, once the activity is over", async () => {
    // An hour after it ends: service is recorded and certified once it has happened.
    setClock(new Date(activity.ends_at).getTime() + 3_600_000);
    const organiser = await browser.signedIn("duizhang@demo.linli.local");
    await organiser.goto(`${browser.base}/activities/${activity.id}`);
    const panel = organiser.locator("section").filter({ has: organiser.getByRole("heading", { name: text.activities.organiser }) });
    await expect.poll(() => panel.getByRole("listitem").filter({ hasText: "林欣怡" }).count(), polling).toBe(1);
    // Check-in and check-out default to the activity's start and end.
    await panel.getByLabel(text.activities.volunteer, { exact: true }).selectOption({ label: "林欣怡" });
    await screenshot(organiser, "hours-03-organiser-records-attendance");
    await Promise.all([
      organiser.waitForURL(`**/activities/${activity.id}?done=record`),
      panel.getByRole("button", { name: text.activities.recordButton, exact: true }).click(),
    ]);
    const row = organiser.getByRole("row").filter({ hasText: "林欣怡" });
    await expect.poll(() => row.textContent(), polling).toContain(text.hourStatus.pending);
    await expect.poll(() => row.getByRole("cell").nth(2).textContent(), polling).toBe(String(activity.minutes));
    await screenshot(organiser, "hours-04-organiser-sees-pending-hours");
    await Promise.all([
      organiser.waitForURL(`**/activities/${activity.id}?done=approve`),
      row.getByRole("button", { name: text.transitions.approve, exact: true }).click(),
    ]);
    await expect.poll(() => row.textContent(), polling).toContain(text.hourStatus.approved);
    await screenshot(organiser, "hours-05-organiser-approved");
  });

  it("the volunteer sees the hours on /my/hours", async () => {
    await volunteer.goto(`${browser.base}/my/hours`);
    const row = volunteer.getByRole("row").filter({ has: volunteer.getByRole("link", { name: activity.title }) });
    await expect.poll(() => row.count(), polling).toBeGreaterThan(0);
    await expect.poll(() => row.first().textContent(), polling).toContain(text.hourStatus.approved);
    expect(await approvedHours(volunteer)).toBeCloseTo(hoursBefore + activity.minutes / 60, 1);
    await screenshot(volunteer, "hours-06-volunteer-my-hours");
  });

  it("and opens the certificate, which lists the activity", async () => {
    await Promise.all([
      volunteer.waitForURL(/\/volunteers\/[0-9a-f-]{36}\/certificate$/),
      volunteer.getByRole("link", { name: text.hours.certificate }).click(),
    ]);
    const certificate = volunteer.locator("article.certificate");
    await expect.poll(() => certificate.getByRole("heading", { name: text.certificate.title }).count(), polling).toBe(1);
    await expect.poll(() => certificate.textContent(), polling).toContain("林欣怡");
    await expect.poll(() => certificate.getByRole("row").filter({ hasText: activity.title }).count(), polling).toBeGreaterThan(0);
    await screenshot(volunteer, "hours-07-volunteer-certificate");
  });
});
