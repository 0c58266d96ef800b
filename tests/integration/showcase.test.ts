// Public showcase pages and /api/showcase/summary: figures, charts, caching, and no private data.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { clearShowcaseCache } from "~/modules/showcase/showcase.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  clearShowcaseCache();
  server = await startTestServer();
});
afterAll(() => server.close());

const anonymous = () => new Client(server.base);
const PRIVATE = [/(?<![\d.])1[3-9]\d{9}(?!\d)/, /@demo\.linli\.local/, /linli_session/, /沙柳北路\d+号楼/];

describe("/api/showcase/summary", () => {
  it("answers figures with a cache header and an ETag, and 304 when unchanged", async () => {
    const res = await anonymous().get("/api/showcase/summary");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const body = (await res.json()) as Record<string, unknown> & { byMonth: unknown[]; byCategory: unknown[] };
    for (const key of ["wishesCompleted", "needsOpen", "partners", "activeAgreements", "volunteers", "approvedHours"])
      expect(typeof body[key]).toBe("number");
    expect(body.byMonth).toHaveLength(12);
    expect(body.byCategory.length).toBeGreaterThan(0);
    const [sum] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from needs where kind = 'micro_wish' and status = 'completed'`,
    );
    expect(body.wishesCompleted).toBe(sum!.n);
    expect((await anonymous().get("/api/showcase/summary", { "If-None-Match": etag })).status).toBe(304);
  });

  it("scopes figures to a street and to a community", async () => {
    const [place] = await db().execute<{ community: string; street: string }>(
      sql`select id as community, street_id as street from communities where name = '沙柳北路社区'`,
    );
    const city = (await (await anonymous().get("/api/showcase/summary")).json()) as { needsOpen: number };
    const street = (await (await anonymous().get(`/api/showcase/summary?street=${place!.street}`)).json()) as {
      needsOpen: number;
      scope: { street: string };
    };
    const community = (await (await anonymous().get(`/api/showcase/summary?community=${place!.community}`)).json()) as {
      needsOpen: number;
    };
    expect(street.scope.street).toBe(place!.street);
    expect(community.needsOpen).toBeLessThanOrEqual(street.needsOpen);
    expect(street.needsOpen).toBeLessThanOrEqual(city.needsOpen);
    const [open] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from needs where status = 'published' and community_id = ${place!.community}`,
    );
    expect(community.needsOpen).toBe(open!.n);
    expect((await anonymous().get("/api/showcase/summary?street=nope")).status).toBe(400);
  });
});

describe("public pages", () => {
  it("at least five public pages are reachable by links from the home page, one with an SVG chart, none with private data", async () => {
    const home = await (await anonymous().get("/")).text();
    const links = [...new Set([...home.matchAll(/href="(\/(?:showcase|activities|organisations|wishes)[^"#?]*)"/g)].map((m) => m[1]!))];
    expect(links.length).toBeGreaterThanOrEqual(5);
    let charts = 0;
    for (const link of links) {
      const res = await anonymous().get(link);
      expect(res.status, link).toBe(200);
      const html = await res.text();
      if (/<svg[^>]*role="img"/.test(html)) charts++;
      for (const pattern of PRIVATE) expect(html, `${link} ${pattern}`).not.toMatch(pattern);
    }
    expect(charts).toBeGreaterThan(0);
  });

  it("street and community pages draw charts and show no private data", async () => {
    const [place] = await db().execute<{ community: string; street: string }>(
      sql`select id as community, street_id as street from communities where name = '沙柳北路社区'`,
    );
    for (const path of [
      `/showcase/streets/${place!.street}`,
      `/showcase/communities/${place!.community}`,
      "/showcase/honour-roll",
      "/showcase/volunteers",
    ]) {
      const res = await anonymous().get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const pattern of PRIVATE) expect(html, `${path} ${pattern}`).not.toMatch(pattern);
      if (path.includes("/streets/") || path.includes("/communities/")) expect(html).toMatch(/<svg[^>]*role="img"/);
    }
  });

  it("is cacheable for anonymous visitors and private for signed-in ones", async () => {
    const res = await anonymous().get("/showcase");
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    const signedIn = new Client(server.base);
    await signedIn.login("jumin@demo.linli.local");
    expect((await signedIn.get("/showcase")).headers.get("cache-control")).toBe("private, no-store");
  });

  it("lists only volunteers who opted in, with masked names", async () => {
    const html = await (await anonymous().get("/showcase/volunteers")).text();
    const [hidden] = await db().execute<{ display_name: string }>(sql`
      select u.display_name from users u join memberships m on m.user_id = u.id and m.role = 'volunteer' where not u.show_on_leaderboard limit 1`);
    expect(html).not.toContain(hidden!.display_name);
    const cells = [...html.matchAll(/<td>([^<]*\*\*)<\/td>/g)];
    expect(cells.length).toBeGreaterThan(0);
  });
});

describe("the street admin's dashboard", () => {
  it("shows a row per community with figures that link to their records, charts, and a CSV export for the street admin only", async () => {
    const [street] = await db().execute<{ id: string }>(sql`select street_id as id from communities where name = '沙柳北路社区'`);
    const admin = new Client(server.base);
    await admin.login("jiedao@demo.linli.local");
    const page = await admin.get(`/streets/${street!.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ["沙柳北路社区", "凤岐里社区", "远翠东里社区"]) expect(html).toContain(name);
    expect(html).toMatch(/href="\/wishes\?community=[0-9a-f-]+&amp;status=completed"/);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    // Each number is what the page it links to lists: wishes the wall shows (not those in review, rejected
    // or withdrawn), and completed cases.
    const count = async (query: string) => {
      let total = 0;
      let cursor: string | null = null;
      do {
        const res = await admin.get(`/api/needs?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
        total += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return total;
    };
    const links = [...html.matchAll(/<a [^>]*href="\/wishes\?community=([0-9a-f-]+)&amp;(kind=micro_wish|status=completed)"[^>]*>(\d+)<\/a>/g)];
    expect(links.length).toBe(2 * 5);
    const [inReview] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from needs n join communities c on c.id = n.community_id
      where c.street_id = ${street!.id} and n.kind = 'micro_wish' and n.status in ('pending_review', 'rejected', 'withdrawn')`);
    expect(inReview!.n, "the demo has wishes the wall does not list").toBeGreaterThan(0);
    for (const [, community, filter, shown] of links) expect(Number(shown), `${community} ${filter}`).toBe(await count(`community=${community}&${filter}`));
    // Hours: the last twelve months' approved minutes, rounded once (not twelve rounded months added up).
    const hours = [...html.matchAll(/href="\/exports\/hours\.csv\?community=([0-9a-f-]+)"[^>]*>(\d+)<\/a>/g)];
    expect(hours.length).toBe(5);
    for (const [, community, shown] of hours) {
      const [ledger] = await db().execute<{ minutes: number }>(sql`
        select coalesce(sum(approved_minutes), 0)::int as minutes from hour_totals_by_community_month
        where community_id = ${community}
          and month >= (date_trunc('month', linli_now() at time zone 'Asia/Shanghai') - interval '11 months')::date`);
      expect(Number(shown), community).toBe(Math.round(ledger!.minutes / 60));
    }
    const csv = await admin.get(`/streets/${street!.id}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 5);
    const staff = new Client(server.base);
    await staff.login("shequ@demo.linli.local");
    expect((await staff.get(`/streets/${street!.id}/report.csv`)).status).toBe(403);
  });
});
