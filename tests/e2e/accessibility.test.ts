// axe-core on the pages people use most, as they render in the browser: no violation of impact serious or critical.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { describeViolations, screenshot, seriousAxeViolations } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

async function aPublishedWish(): Promise<string> {
  const [row] = await db().execute<{ id: string }>(
    sql`select id from needs where kind = 'micro_wish' and status = 'published' order by created_at desc limit 1`,
  );
  return `/wishes/${row!.id}`;
}

const pages: [name: string, login: string | null, path: () => string | Promise<string>][] = [
  ["home", null, () => "/"],
  ["wish-wall", null, () => "/wishes"],
  ["wish-page", null, aPublishedWish],
  ["login", null, () => "/login"],
  ["posting-form", "jumin@demo.linli.local", () => "/wishes/new"],
  ["organisation-dashboard", "yinhang@demo.linli.local", () => "/org"],
];

describe("accessibility: axe finds nothing serious or critical", () => {
  it.each(pages)("%s (signed in as %s)", async (name, login, path) => {
    const page = login ? await browser.signedIn(login) : await browser.newPage();
    const requested = await path();
    await page.goto(`${browser.base}${requested}`);
    // Not sent elsewhere (to the login form, say): axe checks the page that was meant.
    expect(new URL(page.url()).pathname).toBe(requested);
    const violations = await seriousAxeViolations(page);
    await screenshot(page, `a11y-${name}`);
    expect(violations, describeViolations(`${name} (${page.url()})`, violations)).toEqual([]);
    await page.context().close();
  });
});
