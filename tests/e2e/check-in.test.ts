// Scanning the venue code on a phone (390×844): the organiser shows the code, a signed-out volunteer opens its
// link, logs in and comes back to it, checks in (签到成功 and the time), scans again and checks out (签退成功
// and the minutes); a bad or stale code says what is wrong. Also without JavaScript. Times are relative to
// the app's clock, never today's date.
import { sql } from "drizzle-orm";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { nowMs } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { venueCode, VENUE_CODE_STEP_MS } from "~/modules/activities/venue-code.server";
import { Client } from "../setup/http";
import { desktop, horizontalOverflow, phone, polling, screenshot, seriousAxeViolations, describeViolations, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();
const MINUTE = 60_000;
const TITLE = "社区花园义务劳动";

/** Screenshots the page and fails when it is wider than the phone's screen. */
async function expectFitsThePhone(page: Page, name: string) {
  await screenshot(page, name);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth, `${name}: the phone zoomed out`).toBe(390);
  expect(scrollWidth, `${name}: ${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** The Tianjin clock time "HH:MM" of an instant. */
const tianjinClock = (at: Date) => new Date(at.getTime() + 8 * 60 * MINUTE).toISOString().slice(11, 16);

/** Codes change each minute: keep a step that compares two readings of "the current code" off the boundary. */
async function clearOfMinuteBoundary() {
  const into = nowMs() % VENUE_CODE_STEP_MS;
  if (into > VENUE_CODE_STEP_MS - 8_000) await new Promise((r) => setTimeout(r, VENUE_CODE_STEP_MS - into + 200));
}

async function signedUpVolunteer(login: string, activityId: string) {
  const client = new Client(browser.base);
  expect((await client.login(login)).status).toBe(200);
  expect((await client.post(`/api/activities/${activityId}/signups`)).status).toBe(201);
}

describe("checking in by scanning the venue code, on a phone", () => {
  let activityId = "";
  let organiser: Page;
  let volunteer: Page;
  let venueUrl = "";

  it("the organiser opens the venue code from the activity's page", async () => {
    organiser = await browser.signedIn("duizhang@demo.linli.local", desktop);
    const [team] = await db().execute<{ id: string; community: string }>(sql`
      select m.organisation_id as id, (select c.id from communities c where c.name = '沙柳北路社区') as community
      from memberships m join users u on u.id = m.user_id where u.email = 'duizhang@demo.linli.local' and m.role = 'org_admin'`);
    // Started 40 minutes ago, two hours long: check-in is open.
    const startsAt = nowMs() - 40 * MINUTE;
    const created = await organiser.request.post(`${browser.base}/api/activities`, {
      data: {
        title: TITLE,
        category: "environment",
        communityId: team!.community,
        organisationId: team!.id,
        capacity: 10,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 120 * MINUTE).toISOString(),
      },
      headers: { Origin: browser.base },
    });
    expect(created.status()).toBe(201);
    activityId = ((await created.json()) as { id: string }).id;
    await signedUpVolunteer("zhiyuanzhe@demo.linli.local", activityId);
    await signedUpVolunteer("volunteer041@demo.linli.local", activityId);

    await organiser.goto(`${browser.base}/activities/${activityId}`);
    await clearOfMinuteBoundary();
    await Promise.all([
      organiser.waitForURL(`**/activities/${activityId}/venue-code`),
      organiser.getByRole("link", { name: text.checkIn.openVenueCode }).click(),
    ]);
    await expect.poll(() => organiser.getByRole("heading", { level: 1 }).textContent(), polling).toBe(text.checkIn.venueTitle);
    await screenshot(organiser, "checkin-01-organiser-venue-code");
    // What a phone's camera would read from the QR code: the same link the API gives for this minute.
    const code = (await (await organiser.request.get(`${browser.base}/api/activities/${activityId}/venue-code`)).json()) as { url: string };
    venueUrl = code.url;
    const expected = await QRCode.toString(venueUrl, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    const shown = await organiser.locator(".venue-code__qr svg path").last().getAttribute("d");
    expect(shown).toBe(/<path stroke="[^"]+" d="([^"]+)"/.exec(expected)![1]);
    // Shown from the organiser's phone, it fits the screen too.
    const onPhone = await browser.signedIn("duizhang@demo.linli.local", phone);
    await onPhone.goto(`${browser.base}/activities/${activityId}/venue-code`);
    await expectFitsThePhone(onPhone, "checkin-01b-organiser-venue-code-on-a-phone");
    await onPhone.context().close();
  });

  it("a signed-out volunteer scans it, logs in, and comes back to the check-in page", async () => {
    volunteer = await browser.newPage(phone);
    await volunteer.goto(venueUrl);
    await volunteer.waitForURL((url) => url.pathname === "/login");
    expect(new URL(volunteer.url()).searchParams.get("redirectTo")).toBe(venueUrl.slice(browser.base.length));
    await expectFitsThePhone(volunteer, "checkin-02-volunteer-asked-to-log-in");
    await volunteer.getByLabel(text.auth.login).fill("zhiyuanzhe@demo.linli.local");
    await volunteer.getByLabel(text.auth.password).fill("linli-demo-2026");
    await Promise.all([
      volunteer.waitForURL((url) => url.pathname === `/activities/${activityId}/check-in` && url.searchParams.has("token")),
      volunteer.getByRole("button", { name: text.auth.loginButton }).tap(),
    ]);
    await expect.poll(() => volunteer.getByRole("heading", { level: 1 }).textContent(), polling).toBe(text.checkIn.title);
    await expect.poll(() => volunteer.title(), polling).toContain(text.checkIn.title);
    expect(await volunteer.getByText(TITLE).count()).toBeGreaterThan(0);
    // One button, and it is the check-in: nothing here cancels the sign-up.
    expect(await volunteer.getByRole("button", { name: text.activities.cancel }).count()).toBe(0);
    await expectFitsThePhone(volunteer, "checkin-03-volunteer-confirms");
  });

  it("checks in: 签到成功 and the time, in Tianjin", async () => {
    await Promise.all([
      volunteer.waitForURL(`**/activities/${activityId}/check-in?done=in`),
      volunteer.getByRole("button", { name: text.checkIn.confirmIn }).tap(),
    ]);
    const status = volunteer.getByRole("status");
    await expect.poll(() => status.textContent(), polling).toContain(text.checkIn.checkedIn);
    const [row] = await db().execute<{ check_in_at: string }>(sql`
      select a.check_in_at::text from attendances a join users u on u.id = a.volunteer_id
      where a.activity_id = ${activityId} and u.email = 'zhiyuanzhe@demo.linli.local'`);
    expect(await status.textContent()).toContain(tianjinClock(new Date(row!.check_in_at)));
    await expectFitsThePhone(volunteer, "checkin-04-checked-in");
    expect(describeViolations("check-in", await seriousAxeViolations(volunteer))).toBe("");
  });

  it("scans again half an hour later and checks out: 签退成功 and the minutes", async () => {
    // Half an hour of service, without waiting for it.
    await db().execute(sql`update attendances set check_in_at = ${new Date(nowMs() - 30 * MINUTE).toISOString()}::timestamptz
      where activity_id = ${activityId} and check_out_at is null
        and volunteer_id = (select id from users where email = 'zhiyuanzhe@demo.linli.local')`);
    const code = (await (await organiser.request.get(`${browser.base}/api/activities/${activityId}/venue-code`)).json()) as { url: string };
    await volunteer.goto(code.url);
    await Promise.all([
      volunteer.waitForURL(`**/activities/${activityId}/check-in?done=out`),
      volunteer.getByRole("button", { name: text.checkIn.confirmOut }).tap(),
    ]);
    const status = volunteer.getByRole("status");
    await expect.poll(() => status.textContent(), polling).toContain(text.checkIn.checkedOut);
    expect(await status.textContent()).toContain(text.checkIn.checkedOutMinutes.replace("{{minutes}}", "30"));
    await expectFitsThePhone(volunteer, "checkin-05-checked-out");
  });

  it("a bad code, a stale one and another activity's say what is wrong, and offer no button", async () => {
    const cases: [string, string, string][] = [
      ["garbage.code", text.checkIn.refused.token_invalid, "checkin-06-bad-token"],
      [venueCode(activityId, nowMs() - 3 * VENUE_CODE_STEP_MS), text.checkIn.refused.token_expired, "checkin-07-stale-token"],
      [venueCode("00000000-0000-4000-8000-000000000000"), text.checkIn.refused.token_foreign, "checkin-08-foreign-token"],
    ];
    for (const [token, message, name] of cases) {
      await volunteer.goto(`${browser.base}/activities/${activityId}/check-in?token=${encodeURIComponent(token)}`);
      const alert = volunteer.getByRole("alert");
      await expect.poll(() => alert.textContent(), polling).toContain(message);
      expect(await alert.textContent()).toContain(text.checkIn.refusedTitle);
      expect(await volunteer.getByRole("button", { name: text.checkIn.confirmIn }).count()).toBe(0);
      expect(await volunteer.getByRole("button", { name: text.checkIn.confirmOut }).count()).toBe(0);
      await expectFitsThePhone(volunteer, name);
    }
  });

  it("works without JavaScript too", async () => {
    const page = await browser.newPage({ ...phone, javaScriptEnabled: false });
    const code = (await (await organiser.request.get(`${browser.base}/api/activities/${activityId}/venue-code`)).json()) as { url: string };
    await page.goto(code.url);
    await page.getByLabel(text.auth.login).fill("volunteer041@demo.linli.local");
    await page.getByLabel(text.auth.password).fill("linli-demo-2026");
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/activities/${activityId}/check-in`),
      page.getByRole("button", { name: text.auth.loginButton }).tap(),
    ]);
    await Promise.all([
      page.waitForURL(`**/activities/${activityId}/check-in?done=in`),
      page.getByRole("button", { name: text.checkIn.confirmIn }).tap(),
    ]);
    expect(await page.getByRole("status").textContent()).toContain(text.checkIn.checkedIn);
    await expectFitsThePhone(page, "checkin-09-checked-in-without-javascript");
  });
});
