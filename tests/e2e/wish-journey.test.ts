// A micro-wish from a resident's form to a completed wish on the public page, in a real browser: posted with
// JavaScript off and on, approved in the review queue, found and claimed by a partner bank from its dashboard,
// fulfilled, confirmed by the resident, and shown completed to the public.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { db } from "~/lib/db.server";
import { desktop, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

/** The bank (yinhang's organisation) has an agreement with the residents' community and offers home visits for social security cards. */
const wishWithoutJs = {
  title: "社保卡坏了，想请银行上门办理社保卡更换",
  description: "我腿脚不好，去不了银行网点。社保卡芯片坏了取不了养老金，希望银行工作人员上门帮忙办理社保卡更换和密码重置。",
  category: "finance",
};
const wishWithJs = {
  title: "社保卡密码忘了，请银行上门帮忙重置",
  description: "老伴的社保卡密码忘记了，他行动不便，想请银行上门办理社保卡密码重置。",
  category: "finance",
};
const privatePhone = "13912345678";

async function postWish(page: Page, wish: typeof wishWithoutJs, step: string): Promise<string> {
  await page.goto(`${browser.base}/wishes/new`);
  await page.getByLabel(text.post.wishTitle).fill(wish.title);
  await page.getByLabel(text.post.description).fill(wish.description);
  await page.getByLabel(text.post.category, { exact: true }).selectOption(wish.category);
  await page.getByLabel(text.post.contactPhone).fill(privatePhone);
  await page.getByLabel(text.post.address).fill("沙柳北路12号楼3门201");
  await screenshot(page, `${step}-resident-fills-the-form`);
  await Promise.all([
    page.waitForURL(/\/wishes\/[0-9a-f-]{36}\?done=submitted$/),
    page.getByRole("button", { name: text.post.submit, exact: true }).click(),
  ]);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(wish.title);
  await expect.poll(() => page.getByRole("status").textContent(), polling).toBe(text.transitions.done.submitted);
  await expect.poll(() => page.locator(".need-card__meta .badge").first().textContent(), polling).toBe(text.status.pending_review);
  await screenshot(page, `${step}-resident-sees-the-wish-pending-review`);
  return new URL(page.url()).pathname.split("/").pop()!;
}

async function statusOnPage(page: Page): Promise<string | null> {
  return page.locator(".need-card__meta .badge").first().textContent();
}

describe("a micro-wish, from the resident's form to completed", () => {
  let firstId = "";
  let secondId = "";
  let resident: Page;
  let partner: Page;

  it("the partner's offer is the kind of help the wish asks for", async () => {
    const offers = await db().execute<{ title: string; category: string }>(sql`
      select o.title, o.category from offers o
      join memberships m on m.organisation_id = o.organisation_id and m.role = 'org_admin'
      join users u on u.id = m.user_id
      where u.email = 'yinhang@demo.linli.local' and o.active`);
    expect(offers).toContainEqual({ title: "社保卡上门办理", category: wishWithoutJs.category });
  });

  it("a resident posts a wish through the form with JavaScript off", async () => {
    resident = await browser.signedIn("jumin@demo.linli.local", { ...desktop, javaScriptEnabled: false });
    firstId = await postWish(resident, wishWithoutJs, "wish-01-no-js");
  });

  it("another resident posts one with JavaScript on", async () => {
    const page = await browser.signedIn("jumin2@demo.linli.local");
    secondId = await postWish(page, wishWithJs, "wish-02-js");
  });

  it("community staff approve both in the review queue", async () => {
    const page = await browser.signedIn("shequ@demo.linli.local");
    for (const [wish, id] of [
      [wishWithoutJs, firstId],
      [wishWithJs, secondId],
    ] as const) {
      await page.goto(`${browser.base}/review`);
      const card = page.locator(".review-list > li").filter({ has: page.getByRole("link", { name: wish.title }) });
      await expect.poll(() => card.count(), polling).toBe(1);
      if (id === firstId) await screenshot(page, "wish-03-staff-review-queue");
      await Promise.all([
        page.waitForURL(`**/wishes/${id}?done=approve`),
        card.getByRole("button", { name: text.transitions.approve }).click(),
      ]);
      await expect.poll(() => statusOnPage(page), polling).toBe(text.status.published);
    }
    await screenshot(page, "wish-04-staff-approved");
    await page.goto(`${browser.base}/review`);
    await expect.poll(() => page.getByRole("link", { name: wishWithoutJs.title }).count(), polling).toBe(0);
  });

  it("the partner bank finds it among the needs that fit it on its dashboard, and claims it", async () => {
    partner = await browser.signedIn("yinhang@demo.linli.local");
    const section = partner.locator("section").filter({ has: partner.getByRole("heading", { name: text.org.nextUp }) });
    const link = section.getByRole("link", { name: wishWithoutJs.title });
    // Matching runs through the search index, which catches up within moments: look again for a while.
    const started = Date.now();
    await partner.goto(`${browser.base}/org`);
    let listed = (await link.count()) > 0;
    while (!listed && Date.now() - started < 45_000) {
      await partner.waitForTimeout(1000);
      await partner.reload();
      listed = (await link.count()) > 0;
    }
    await screenshot(partner, "wish-05-partner-dashboard-needs-that-fit-us");
    // Soft: when the wish is missing the test still fails, but the journey goes on through the wish page.
    expect.soft(listed, `"${wishWithoutJs.title}" is listed under ${text.org.nextUp} on /org`).toBe(true);

    const claimInSection = section
      .locator("li, article")
      .filter({ has: link })
      .getByRole("button", { name: text.transitions.claim, exact: true });
    if (listed && (await claimInSection.count()) === 1) {
      await Promise.all([partner.waitForURL((url) => url.searchParams.get("done") === "claim"), claimInSection.click()]);
      await partner.goto(`${browser.base}/wishes/${firstId}`);
    } else {
      // The dashboard lists the wish as a link (or, pending matching, not at all): claim on the wish page.
      if (listed) await link.click();
      else await partner.goto(`${browser.base}/wishes/${firstId}`);
      await partner.waitForURL(`**/wishes/${firstId}`);
      await screenshot(partner, "wish-06-partner-opens-the-wish");
      await Promise.all([
        partner.waitForURL(`**/wishes/${firstId}?done=claim`),
        partner.getByRole("button", { name: text.transitions.claim, exact: true }).click(),
      ]);
    }
    await expect.poll(() => statusOnPage(partner), polling).toBe(text.status.claimed);
    // The claimer sees the resident's contact details only by asking for them (recorded for the staff).
    expect(await partner.getByText(privatePhone).count()).toBe(0);
    await screenshot(partner, "wish-07-partner-claimed-contact-hidden");
    await Promise.all([
      partner.waitForURL(`**/wishes/${firstId}?done=contact`),
      partner.getByRole("button", { name: text.contactReveal.button, exact: true }).click(),
    ]);
    await expect.poll(() => partner.getByText(privatePhone).count(), polling).toBe(1);
    await screenshot(partner, "wish-07-partner-claimed");
  });

  it("the partner reports it fulfilled", async () => {
    await partner.getByLabel(text.transitions.note).fill("已上门为刘大爷办理社保卡更换，新卡已激活。");
    await Promise.all([
      partner.waitForURL(`**/wishes/${firstId}?done=fulfil`),
      partner.getByRole("button", { name: text.transitions.fulfil, exact: true }).click(),
    ]);
    await expect.poll(() => statusOnPage(partner), polling).toBe(text.status.fulfilled);
    await screenshot(partner, "wish-08-partner-fulfilled");
  });

  it("the resident confirms it, with thanks (JavaScript off)", async () => {
    const page = resident;
    await page.goto(`${browser.base}/wishes/${firstId}`);
    await page.getByLabel(text.transitions.thanks).fill("谢谢银行的同志，跑了一趟上门办好了！");
    await Promise.all([
      page.waitForURL(`**/wishes/${firstId}?done=confirm`),
      page.getByRole("button", { name: text.transitions.confirm, exact: true }).click(),
    ]);
    await expect.poll(() => statusOnPage(page), polling).toBe(text.status.completed);
    await screenshot(page, "wish-09-resident-confirmed");
  });

  it("the public wish page, signed out, shows it completed, with the thanks and no private details", async () => {
    const page = await browser.newPage();
    await page.goto(`${browser.base}/wishes/${firstId}`);
    await expect.poll(() => statusOnPage(page), polling).toBe(text.status.completed);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), polling).toBe(wishWithoutJs.title);
    await expect.poll(() => page.getByText("谢谢银行的同志").count(), polling).toBe(1);
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain(privatePhone);
    expect(body).not.toContain("沙柳北路12号楼");
    expect(body).toContain(text.wishes.postedBy.replace("{{name}}", "刘**"));
    await screenshot(page, "wish-10-public-page-completed");
  });
});
