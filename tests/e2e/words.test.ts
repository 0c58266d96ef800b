// What pages say, in a real browser, on desktop and on a 390 px phone: the partner count and its rule, the
// honour roll, an activity's organiser and places, the street admin's chart and per-community links, the
// bank's new offer confirmed and its form emptied (with JavaScript), the next star, 撤销工时, and titles.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { db } from "~/lib/db.server";
import { desktop, phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();
const viewports = [
  ["desktop", desktop],
  ["phone", phone],
] as const;

const main = (page: Page) => page.locator("main").innerText();

describe.each(viewports)("on the %s", (name, viewport) => {
  it("the public sees one partner count, its rule, an honour roll without empty rows and a titled 404", async () => {
    const page = await browser.newPage(viewport);
    await page.goto(`${browser.base}/`);
    await expect.poll(() => main(page), polling).toContain(text.partners.definition);
    const homeCount = await page
      .locator(".figure")
      .filter({ has: page.getByText(text.figures.partners, { exact: true }) })
      .locator("dd")
      .textContent();
    await screenshot(page, `words-${name}-01-home`);

    await page.goto(`${browser.base}/organisations`);
    await expect.poll(() => main(page), polling).toContain(text.partners.count.replace("{{count}}", homeCount!.trim()));
    await screenshot(page, `words-${name}-02-partners`);

    await page.goto(`${browser.base}/showcase/honour-roll`);
    await expect.poll(() => main(page), polling).toContain(`共 ${homeCount!.trim()} 家共建伙伴`);
    const rows = await page.locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toMatch(/\t0\t0$/);
    await screenshot(page, `words-${name}-03-honour-roll`);

    await page.goto(`${browser.base}/showcase`);
    await expect.poll(() => page.locator("svg.chart desc").first().textContent(), polling).toMatch(/^\d{4}年\d{1,2}月/);
    await screenshot(page, `words-${name}-04-showcase`);

    await page.goto(`${browser.base}/no-such-page`);
    expect(await page.title()).toBe(`${text.errors.notFoundTitle} | 邻里`);
    await screenshot(page, `words-${name}-05-not-found`);
  });

  it("an activity names its organiser and its places", async () => {
    const [activity] = await db().execute<{ id: string }>(
      sql`select id from activities where organisation_id is not null and status = 'scheduled' order by starts_at desc limit 1`,
    );
    const page = await browser.newPage(viewport);
    await page.goto(`${browser.base}/activities/${activity!.id}`);
    await expect.poll(() => main(page), polling).toContain(text.activityText.organiserLabel);
    expect(await main(page)).toMatch(/已报名 \d+ 人 \/ 名额 \d+ 人|已报满/);
    await screenshot(page, `words-${name}-06-activity`);
    await page.goto(`${browser.base}/activities`);
    await expect.poll(() => main(page), polling).toContain(text.activityText.organiserLabel);
    await screenshot(page, `words-${name}-07-activities`);
  });

  it("the street admin sees twelve dated months and each community's own hours link", async () => {
    const [street] = await db().execute<{ id: string }>(sql`select id from streets where name = '东新街道'`);
    const page = await browser.signedIn("jiedao@demo.linli.local", viewport);
    await page.goto(`${browser.base}/streets/${street!.id}`);
    const chart = page.locator("svg.chart").first();
    await expect.poll(async () => (await chart.locator("desc").textContent())!.split(", ").length, polling).toBe(12);
    expect(await chart.locator("desc").textContent()).toMatch(/^\d{4}年\d{1,2}月: \d+/);
    const links = await page.locator('a[href^="/exports/hours.csv?community="]').count();
    expect(links).toBeGreaterThan(1);
    await screenshot(page, `words-${name}-08-street`);
  });

  it("the team leader reads 撤销工时 with its explanation; the volunteer reads the hours to the next star", async () => {
    const [activity] = await db().execute<{ id: string }>(sql`
      select a.id from activities a
      join memberships m on m.organisation_id = a.organisation_id and m.role = 'org_admin'
      join users u on u.id = m.user_id and u.email = 'duizhang@demo.linli.local'
      where exists (select 1 from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
                    where e.activity_id = a.id and e.kind <> 'reversal')
      order by a.starts_at desc limit 1`);
    const leader = await browser.signedIn("duizhang@demo.linli.local", viewport);
    await leader.goto(`${browser.base}/activities/${activity!.id}`);
    await expect.poll(() => main(leader), polling).toContain(text.activityText.reverseHint);
    expect(await leader.getByRole("button", { name: text.activities.reverse }).count()).toBeGreaterThan(0);
    expect(await main(leader)).not.toContain("冲正");
    await screenshot(leader, `words-${name}-09-organiser-panel`);

    const volunteer = await browser.signedIn("zhiyuanzhe@demo.linli.local", viewport);
    await volunteer.goto(`${browser.base}/my/hours`);
    await expect.poll(() => main(volunteer), polling).toMatch(/再有 \d+ 小时时长通过核验，即可达到\d星|已达到最高的五星/);
    await screenshot(volunteer, `words-${name}-10-my-hours`);
  });
});

describe("the bank's new offer", () => {
  it("is confirmed and the form starts empty again (with JavaScript)", async () => {
    const page = await browser.signedIn("yinhang@demo.linli.local");
    await page.goto(`${browser.base}/org`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: text.org.publishOffer }) });
    await form.getByLabel(text.org.offerTitle).fill("上门讲解存折使用");
    await form.getByLabel(text.post.category).selectOption({ index: 1 });
    await form.getByLabel(text.org.area).selectOption({ index: 1 });
    await Promise.all([page.waitForURL(/done=createOffer/), form.getByRole("button", { name: text.org.publishOffer }).click()]);
    await expect.poll(() => page.getByRole("status").first().textContent(), polling).toBe(text.done.createOffer);
    await expect.poll(() => form.getByLabel(text.org.offerTitle).inputValue(), polling).toBe("");
    await screenshot(page, "words-desktop-11-offer-published");
  });
});

describe("English", () => {
  it("titles follow the language switch", async () => {
    const page = await browser.newPage({ ...desktop, locale: "en" });
    await page.context().addCookies([{ name: "lng", value: "en", url: browser.base }]);
    await page.goto(`${browser.base}/showcase/honour-roll`);
    expect(await page.title()).toBe("Partner honour roll | Linli");
    await screenshot(page, "words-desktop-12-english-honour-roll");
  });
});
