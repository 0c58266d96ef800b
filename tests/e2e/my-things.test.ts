// "My things" in the browser: each persona lands where its work is after signing in (with and without
// JavaScript), a resident finds every wish of theirs at /my/wishes (the rejected one with its reason, changed
// and submitted again), says 还没办好 on a delivered wish, a volunteer sees their sign-ups, a bank admin its
// claims; on the desktop and at 390×844.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "#db/seed";
import { Client } from "../setup/http";
import { describeViolations, desktop, horizontalOverflow, phone, polling, screenshot, seriousAxeViolations, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

async function expectFitsThePhone(page: Page, name: string) {
  await screenshot(page, name);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth, `${name}: the phone zoomed out`).toBe(390);
  expect(scrollWidth, `${name}: ${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** axe-core finds nothing serious or critical on the page. */
async function expectAccessible(page: Page, name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, describeViolations(`${name} (${page.url()})`, violations)).toEqual([]);
}

async function api(login: string): Promise<Client> {
  const c = new Client(browser.base);
  expect((await c.login(login)).status, login).toBe(200);
  return c;
}

const demo = (login: string) => `${login}@demo.linli.local`;
const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("landing after signing in", () => {
  it.each([
    ["jumin", "/my/wishes", text.my.wishes.title],
    ["zhiyuanzhe", "/activities", null],
    ["yinhang", "/org", null],
    ["shequ", "/review", text.review.title],
  ])("%s lands on %s (with JavaScript)", async (login, path, title) => {
    const page = await browser.signedIn(demo(login));
    await expect.poll(() => new URL(page.url()).pathname, polling).toBe(path);
    if (title) await expect.poll(() => heading(page), polling).toBe(title);
  });

  it("without JavaScript too, and the phone-login resident lands on her wishes", async () => {
    const page = await browser.newPage({ ...phone, javaScriptEnabled: false });
    await page.goto(`${browser.base}/login`);
    await page.getByLabel(text.auth.login).fill("13800000001");
    await page.getByLabel(text.auth.password).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${browser.base}/my/wishes`), page.getByRole("button", { name: text.auth.loginButton }).click()]);
    expect(await heading(page)).toBe(text.my.wishes.title);
    expect(await page.locator(".my-items > li").count()).toBeGreaterThan(0);
    await expectFitsThePhone(page, "my-01-phone-resident-lands-on-her-wishes");
  });

  it("an explicit redirectTo wins, and another site's is ignored", async () => {
    const page = await browser.newPage(desktop);
    await page.goto(`${browser.base}/login?redirectTo=${encodeURIComponent("/wishes/new")}`);
    await page.getByLabel(text.auth.login).fill(demo("jumin"));
    await page.getByLabel(text.auth.password).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${browser.base}/wishes/new`), page.getByRole("button", { name: text.auth.loginButton }).click()]);

    const other = await browser.newPage(desktop);
    await other.goto(`${browser.base}/login?redirectTo=${encodeURIComponent("//evil.example")}`);
    await other.getByLabel(text.auth.login).fill(demo("jumin"));
    await other.getByLabel(text.auth.password).fill(DEMO_PASSWORD);
    await Promise.all([other.waitForURL(`${browser.base}/my/wishes`), other.getByRole("button", { name: text.auth.loginButton }).click()]);
  });
});

describe("a resident's wishes", () => {
  const rejectedTitle = "想请人修一下阳台晾衣架";
  const reason = "请写明是哪一栋楼，方便上门";
  let rejectedId = "";

  it("/my/wishes lists every status with the rejection reason, on the desktop and the phone", async () => {
    const jumin = await api(demo("jumin"));
    const shequ = await api(demo("shequ"));
    const posted = await jumin.post("/api/needs", {
      kind: "micro_wish",
      title: rejectedTitle,
      description: "晾衣架掉下来了",
      communityId: await juminCommunity(jumin),
    });
    rejectedId = ((await posted.json()) as { id: string }).id;
    expect((await shequ.post(`/api/needs/${rejectedId}/transitions`, { action: "reject", reason })).status).toBe(200);

    for (const [options, name] of [
      [desktop, "my-02-my-wishes-desktop"],
      [phone, "my-wishes-after"],
    ] as const) {
      const page = await browser.signedIn(demo("jumin"), options);
      await expect.poll(() => heading(page), polling).toBe(text.my.wishes.title);
      const card = page.locator(".my-items > li").filter({ has: page.getByRole("link", { name: rejectedTitle }) });
      await expect.poll(() => card.count(), polling).toBe(1);
      expect(await card.textContent()).toContain(reason);
      expect(await card.locator(".badge").first().textContent()).toBe(text.status.rejected);
      if (options === phone) await expectFitsThePhone(page, name);
      else {
        await screenshot(page, name);
        await expectAccessible(page, name);
      }
    }
  });

  it("changes the rejected wish and submits it again", async () => {
    const page = await browser.signedIn(demo("jumin"), phone);
    const card = page.locator(".my-items > li").filter({ has: page.getByRole("link", { name: rejectedTitle }) });
    await Promise.all([
      page.waitForURL(`**/my/wishes/${rejectedId}/edit`),
      card.getByRole("link", { name: text.my.wishes.editAndResubmit }).tap(),
    ]);
    await expect.poll(() => heading(page), polling).toBe(text.my.edit.title);
    await page.getByLabel(text.post.wishTitle).fill("沙柳北路12号楼：想请人修阳台晾衣架");
    await expectFitsThePhone(page, "my-03-phone-change-the-rejected-wish");
    await expectAccessible(page, "edit");
    await Promise.all([page.waitForURL("**/my/wishes?done=resubmitted"), page.getByRole("button", { name: text.my.edit.submit }).tap()]);
    await expect.poll(() => page.getByRole("status").textContent(), polling).toBe(text.transitions.done.resubmitted);
    const changed = page.locator(".my-items > li").filter({ has: page.getByRole("link", { name: "沙柳北路12号楼：想请人修阳台晾衣架" }) });
    await expect.poll(() => changed.locator(".badge").first().textContent(), polling).toBe(text.status.pending_review);
    await expectFitsThePhone(page, "my-04-phone-resubmitted");
  });

  it("says 还没办好 on a delivered wish: the page names the bank and its note, and the wish goes back to it", async () => {
    const [jumin, shequ, yinhang] = await Promise.all([api(demo("jumin")), api(demo("shequ")), api(demo("yinhang"))]);
    const title = "卫生间水龙头一直滴水";
    const id = (
      (await (
        await jumin.post("/api/needs", { kind: "micro_wish", title, description: "", communityId: await juminCommunity(jumin) })
      ).json()) as { id: string }
    ).id;
    for (const [c, body] of [
      [shequ, { action: "approve" }],
      [yinhang, { action: "claim" }],
      [yinhang, { action: "fulfil", note: "已上门更换阀芯" }],
    ] as const)
      expect((await c.post(`/api/needs/${id}/transitions`, body)).status).toBe(200);

    const page = await browser.signedIn(demo("jumin"), phone);
    await page.goto(`${browser.base}/wishes/${id}`);
    const helper = page.locator(".helper-box");
    await expect.poll(() => helper.textContent(), polling).toContain("已上门更换阀芯");
    expect(await page.getByRole("button", { name: text.transitions.confirm }).count()).toBe(1);
    await page.getByLabel(text.transitions.notDoneNote).fill("还是滴水");
    await expectFitsThePhone(page, "my-05-phone-not-done-beside-confirm");
    await expectAccessible(page, "not-done");
    await Promise.all([
      page.waitForURL(`**/wishes/${id}?done=not_done`),
      page.getByRole("button", { name: text.transitions.not_done }).tap(),
    ]);
    await expect.poll(() => page.locator(".need-card__meta .badge").first().textContent(), polling).toBe(text.status.claimed);
    expect(await page.getByRole("status").textContent()).toBe(text.transitions.done.not_done);
    await expectFitsThePhone(page, "my-06-phone-back-to-the-bank");
  });
});

describe("a volunteer's sign-ups and a bank's claims", () => {
  it.each([
    ["zhiyuanzhe", "/my/signups", text.my.signups.title, "my-07-volunteer-signups"],
    ["yinhang", "/my/claims", text.my.claims.title, "my-08-bank-claims"],
  ])("%s: %s on the desktop and the phone", async (login, path, title, name) => {
    for (const options of [desktop, phone]) {
      const page = await browser.signedIn(demo(login), options);
      await page.goto(`${browser.base}${path}`);
      await expect.poll(() => heading(page), polling).toBe(title);
      expect(await page.locator(".my-items > li").count()).toBeGreaterThan(0);
      if (options === phone) await expectFitsThePhone(page, `${name}-phone`);
      else {
        await screenshot(page, `${name}-desktop`);
        await expectAccessible(page, name);
      }
    }
  });
});

async function juminCommunity(jumin: Client): Promise<string> {
  const me = (await (await jumin.get("/api/me")).json()) as { memberships: { role: string; communityId: string }[] };
  return me.memberships.find((m) => m.role === "resident")!.communityId;
}
