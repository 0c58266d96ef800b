// Pages that said the wrong thing (issue 13): one partner definition everywhere, an honour roll without
// empty rows, the street report in the reader's language with a Tianjin-dated name, twelve chart months
// with years, each community's hours linked to its own records, translated errors after a conflicting
// approval, and titles on every page (404 and 403 included) in the page's language.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { now as clockNow, resetClock, setClock } from "~/lib/clock.server";
import { tianjinMidnight } from "~/lib/tianjin-time";
import { db } from "~/lib/db.server";
import zhCN from "~/locales/zh-CN.json";
import en from "~/locales/en.json";
import { categories } from "~/modules/categories/categories";
import { createSession } from "~/modules/accounts/auth.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { countPartners } from "~/modules/organisations/partners.server";
import { lastTwelveMonths } from "~/modules/places/months";
import { clearShowcaseCache } from "~/modules/showcase/showcase.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as organisationsLoader } from "~/routes/organisations._index";
import { loader as honourRollLoader } from "~/routes/showcase.honour-roll";
import { loader as streetReportLoader } from "~/routes/streets.$id.report[.]csv";
import { loader as hoursCsvLoader } from "~/routes/exports.hours[.]csv";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;
const ids: Record<string, string> = {};
let dongxin = "";
let wudadao = "";

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  clearShowcaseCache();
  server = await startTestServer();
  const rows = await db().execute<{ id: string; email: string }>(sql`select id, email from users where email like '%@demo.linli.local'`);
  for (const r of rows) ids[r.email.split("@")[0]!] = r.id;
  const [a] = await db().execute<{ id: string }>(sql`select id from streets where name = '东新街道'`);
  const [b] = await db().execute<{ id: string }>(sql`select id from streets where name = '五大道街道'`);
  dongxin = a!.id;
  wudadao = b!.id;
});
afterAll(() => server.close());
afterEach(() => resetClock());

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** Calls a route's loader as a login (null: anonymous), in this process (so setClock applies). */
async function call(loader: unknown, url: string, login: string | null, params: Record<string, string> = {}, cookie = "") {
  const cookies = [cookie];
  if (login) cookies.push((await createSession(new Request("http://localhost/"), ids[login]!)).split(";")[0]!);
  const request = new Request(`http://localhost${url}`, { headers: { Cookie: cookies.filter(Boolean).join("; ") } });
  const result = await (loader as Loader)({ request, params, context: {} }).catch((thrown: unknown) => thrown);
  // Loaders that set headers answer `data(value, init)`.
  const wrapped = result as { type?: string; data?: unknown } | null;
  return wrapped?.type === "DataWithResponseInit" ? wrapped.data : result;
}

async function as(login: string, language?: "en") {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  if (language) c.setCookie("lng", language);
  return c;
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
/** The visible text of the page's main element. */
const mainText = (html: string) =>
  (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")
    .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ")
    .replace(/\s+/g, " ");

describe("one definition of a partner", () => {
  it("home, the partners list, the honour roll and the summary API give the same count, and the pages state the rule", async () => {
    const expected = await countPartners();
    expect(expected).toBeGreaterThan(0);
    // The definition: an agreement in force today or an active offer.
    const [direct] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from organisations o where
        exists (select 1 from agreements a where a.organisation_id = o.id and a.status = 'active'
                and a.starts_on <= (now() at time zone 'Asia/Shanghai')::date and a.ends_on >= (now() at time zone 'Asia/Shanghai')::date)
        or exists (select 1 from offers f where f.organisation_id = o.id and f.active)`);
    expect(expected).toBe(direct!.n);

    const home = (await call(homeLoader, "/", null)) as { figures: { partners: number } };
    const list = (await call(organisationsLoader, "/organisations", null)) as { partners: number; page: { items: unknown[] } };
    const roll = (await call(honourRollLoader, "/showcase/honour-roll", null)) as { roll: { partners: number } };
    const api = (await (await new Client(server.base).get("/api/showcase/summary")).json()) as { partners: number };
    expect(home.figures.partners).toBe(expected);
    expect(list.partners).toBe(expected);
    expect(list.page.items).toHaveLength(expected);
    expect(roll.roll.partners).toBe(expected);
    expect(api.partners).toBe(expected);

    for (const path of ["/", "/organisations", "/showcase/honour-roll", "/showcase"]) {
      const html = await (await new Client(server.base).get(path)).text();
      expect(mainText(html), path).toContain(zhCN.partners.definition);
    }
    const listHtml = await (await new Client(server.base).get("/organisations")).text();
    expect(listHtml).toContain(zhCN.partners.count.replace("{{count}}", String(expected)));
  });

  it("an organisation with no agreement in force and no active offer is not a partner anywhere", async () => {
    const before = await countPartners();
    const [org] = await db().execute<{ id: string }>(sql`
      select o.id from organisations o where exists (select 1 from offers f where f.organisation_id = o.id and f.active)
        and not exists (select 1 from agreements a where a.organisation_id = o.id and a.status = 'active') limit 1`);
    expect(org).toBeDefined();
    await db().execute(sql`update offers set active = false where organisation_id = ${org!.id}`);
    try {
      clearShowcaseCache();
      expect(await countPartners()).toBe(before - 1);
      const list = (await call(organisationsLoader, "/organisations", null)) as { page: { items: { id: string }[] } };
      expect(list.page.items.map((o) => o.id)).not.toContain(org!.id);
      const home = (await call(homeLoader, "/", null)) as { figures: { partners: number } };
      expect(home.figures.partners).toBe(before - 1);
    } finally {
      await db().execute(sql`update offers set active = true where organisation_id = ${org!.id}`);
      clearShowcaseCache();
    }
  });

  it("the honour roll lists no partner with nothing to show, and says how many partners there are", async () => {
    const { roll } = (await call(honourRollLoader, "/showcase/honour-roll", null)) as {
      roll: { partners: number; rows: { wishesFulfilled: number; volunteerHours: number }[] };
    };
    expect(roll.rows.length).toBeGreaterThan(0);
    expect(roll.rows.length).toBeLessThanOrEqual(roll.partners);
    for (const row of roll.rows) expect(row.wishesFulfilled + row.volunteerHours).toBeGreaterThan(0);
    const html = await (await new Client(server.base).get("/showcase/honour-roll")).text();
    // No NUL bytes from the streaming renderer (they showed as "�" in the organiser's form).
    expect(html.indexOf("\0")).toBe(-1);
    const cells = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>(\d+)<\/td>/g)].map((c) => c[1]));
    for (const numbers of cells.slice(1)) expect(numbers.slice(-2)).not.toEqual(["0", "0"]);
  });
});

describe("the activity page names its organiser and its places", () => {
  it("says who organises it and how many signed up out of how many places", async () => {
    const [activity] = await db().execute<{ id: string; team: string; capacity: number; taken: number }>(sql`
      select a.id, o.name as team, a.capacity,
        (select count(*)::int from activity_signups s where s.activity_id = a.id and s.status = 'signed_up') as taken
      from activities a join organisations o on o.id = a.organisation_id order by a.starts_at desc limit 1`);
    const html = await (await new Client(server.base).get(`/activities/${activity!.id}`)).text();
    const text = mainText(html);
    expect(text).toMatch(new RegExp(`${zhCN.activityText.organiserLabel}\\s*${activity!.team}`));
    const { taken, capacity } = activity!;
    expect(text).toContain(
      taken < capacity ? `已报名 ${taken} 人 / 名额 ${capacity} 人（剩余 ${capacity - taken}）` : `已报满（${taken} / ${capacity} 人）`,
    );
  });
});

describe("the street admin's page and report", () => {
  it("the report names categories in the reader's language and is dated in Tianjin by the app's clock", async () => {
    // 17:30 UTC on the 23rd is already the 24th in Tianjin.
    setClock("2026-11-23T17:30:00Z");
    const zh = (await call(streetReportLoader, `/streets/${dongxin}/report.csv`, "jiedao", { id: dongxin })) as Response;
    expect(zh.status).toBe(200);
    expect(zh.headers.get("content-disposition")).toBe('attachment; filename="linli-street-2026-11-24.csv"');
    const bytes = new Uint8Array(await zh.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const body = new TextDecoder().decode(bytes);
    expect(body.split("\r\n")[0]).toBe(Object.values(zhCN.streetReport.header).join(","));
    expect(body).toMatch(new RegExp(categories.map((c) => `${c.zh}: \\d+`).join("|")));
    for (const c of categories) expect(body).not.toMatch(new RegExp(`\\b${c.key}\\b`));

    const english = (await call(streetReportLoader, `/streets/${dongxin}/report.csv`, "jiedao", { id: dongxin }, "lng=en")) as Response;
    const enBody = await english.text();
    expect(enBody.split("\r\n")[0]).toBe(Object.values(en.streetReport.header).join(","));
    const enNames = Object.values(en.category as Record<string, string>);
    expect(enNames.some((name) => enBody.includes(`${name}: `))).toBe(true);
  });

  it("the monthly chart has twelve months, oldest first, each with its year", async () => {
    const c = await as("jiedao");
    const html = await (await c.get(`/streets/${dongxin}`)).text();
    const chart = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)![0];
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(chart)![1]!;
    const months = desc.split(", ").map((part) => part.split(":")[0]!);
    expect(months).toHaveLength(12);
    const expected = lastTwelveMonths(clockNow()).map((m) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`);
    expect(months).toEqual(expected);
    // Each bar carries its year under the month.
    expect([...chart.matchAll(/>(\d{4})<\/text>/g)]).toHaveLength(12);
    expect(titleOf(html)).toBe("东新街道 | 邻里");
  });

  it("each community's hours link to that community's own records", async () => {
    const c = await as("jiedao");
    const html = await (await c.get(`/streets/${dongxin}`)).text();
    const communities = await db().execute<{ id: string; name: string }>(
      sql`select id, name from communities where street_id = ${dongxin} order by name`,
    );
    for (const community of communities) expect(html).toContain(`href="/exports/hours.csv?community=${community.id}"`);
    expect(html).not.toMatch(/href="\/exports\/hours\.csv"[^>]*>\d+<\/a>/);

    const shaliu = communities.find((x) => x.name === "沙柳北路社区")!;
    const res = (await call(hoursCsvLoader, `/exports/hours.csv?community=${shaliu.id}`, "jiedao")) as Response;
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split("\r\n").slice(1);
    const [count] = await db().execute<{ n: number }>(sql`select count(*)::int as n from hour_entries where community_id = ${shaliu.id}`);
    expect(rows).toHaveLength(count!.n);
    expect(count!.n).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(",")[5]).toBe("沙柳北路社区");
    // Another street's community: nothing of it leaves the admin's scope.
    const [other] = await db().execute<{ id: string }>(sql`select id from communities where street_id = ${wudadao} limit 1`);
    const foreign = (await call(hoursCsvLoader, `/exports/hours.csv?community=${other!.id}`, "jiedao")) as Response;
    expect((await foreign.text()).trim().split("\r\n")).toHaveLength(1);
  });
});

describe("errors are said in the page's language", () => {
  const HOUR = 3_600_000;
  async function overlappingEntries() {
    const [team] = await db().execute<{ id: string }>(
      sql`select organisation_id as id from memberships where user_id = ${ids.duizhang!} and role = 'org_admin' limit 1`,
    );
    const [community] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
    const leader = await as("duizhang");
    // 09:00 Tianjin on a day 10 to 300 days after the clock's today: inside the year an activity may be planned ahead.
    const startsAt = new Date(
      tianjinMidnight(clockNow()).getTime() + (10 + Math.floor(Math.random() * 290)) * 24 * HOUR + 9 * HOUR,
    ).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 2 * HOUR).toISOString();
    const activities: string[] = [];
    const entries: string[] = [];
    for (const title of ["同时段活动甲", "同时段活动乙"]) {
      const created = await leader.post("/api/activities", {
        title,
        category: "environment",
        communityId: community!.id,
        organisationId: team!.id,
        capacity: 5,
        startsAt,
        endsAt,
      });
      expect(created.status).toBe(201);
      const activity = (await created.json()) as { id: string };
      activities.push(activity.id);
      // Recorded once the service is over.
      setClock(Date.parse(endsAt) + HOUR);
      const recorded = await leader.post(`/api/activities/${activity.id}/attendance`, {
        volunteerId: ids.zhiyuanzhe!,
        checkIn: startsAt,
        checkOut: endsAt,
      });
      expect(recorded.status).toBe(201);
      entries.push(((await recorded.json()) as { hourEntry: { id: string } }).hourEntry.id);
    }
    return { leader, activities, entries, startsAt };
  }

  it("after a conflicting approval the page shows one outcome, in Chinese, with no English sentence", async () => {
    const { leader, activities, entries } = await overlappingEntries();
    const first = await leader.form(`/activities/${activities[0]}`, new URLSearchParams({ intent: "approve", entryId: entries[0]! }));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/activities/${activities[0]}?done=approve`);
    const done = await (await leader.get(first.headers.get("location")!)).text();
    expect(mainText(done)).toContain(zhCN.done.approve);

    // The form posts to the page's URL, ?done= from the last success included.
    const refused = await leader.form(
      `/activities/${activities[1]}?done=approve`,
      new URLSearchParams({ intent: "approve", entryId: entries[1]! }),
    );
    expect(refused.status).toBe(409);
    const text = mainText(await refused.text());
    expect(text).toContain(zhCN.domainErrors.hours_overlap);
    expect(text).not.toContain(zhCN.done.approve);
    expect(text).not.toMatch(/[A-Za-z]+(?: [A-Za-z]+){2,}/);

    // In English, the same refusal in English.
    leader.setCookie("lng", "en");
    const english = await leader.form(`/activities/${activities[1]}`, new URLSearchParams({ intent: "approve", entryId: entries[1]! }));
    expect(mainText(await english.text())).toContain(en.domainErrors.hours_overlap);
  });

  it("approving several at once says how many were approved and how many refused", async () => {
    const { leader, activities, entries } = await overlappingEntries();
    const params = new URLSearchParams({ intent: "approveAll" });
    params.append("entryIds", entries[0]!);
    const ok = await leader.form(`/activities/${activities[0]}`, params);
    expect(ok.headers.get("location")).toBe(`/activities/${activities[0]}?done=approveAll&approved=1&refused=0`);
    const again = new URLSearchParams({ intent: "approveAll" });
    again.append("entryIds", entries[1]!);
    const none = await leader.form(`/activities/${activities[1]}`, again);
    expect(none.headers.get("location")).toBe(`/activities/${activities[1]}?done=approveNone&approved=0&refused=1`);
    const text = mainText(await (await leader.get(none.headers.get("location")!)).text());
    expect(text).toContain(zhCN.done.approveNone.replace("{{refused}}", "1"));
  });

  it("attendance longer than the activity is refused in Chinese, not 'longer than the activity'", async () => {
    const { leader, activities, startsAt } = await overlappingEntries();
    const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
    const res = await leader.form(
      `/activities/${activities[0]}`,
      new URLSearchParams({
        intent: "record",
        volunteerId: ids.zhiyuanzhe!,
        checkIn: local(Date.parse(startsAt)),
        checkOut: local(Date.parse(startsAt) + 3 * HOUR),
      }),
    );
    expect(res.status).toBe(400);
    const text = mainText(await res.text());
    expect(text).toContain(zhCN.domainErrors.longer_than_activity);
    expect(text).not.toContain("longer than");
  });
});

describe("confirmations after actions", () => {
  it("an organisation's new offer, a proposed agreement and a correction request each say what happened", async () => {
    const bank = await as("yinhang");
    const [place] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
    const offer = new URLSearchParams({
      intent: "createOffer",
      title: "上门讲解防诈骗知识",
      description: "为社区老人讲解",
      category: "finance",
      area: `community:${place!.id}`,
      capacityPerMonth: "5",
    });
    offer.append("weekdays", "1");
    const created = await bank.form("/org", offer);
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/done=createOffer$/);
    const page = await (await bank.get(location)).text();
    expect(mainText(page)).toContain(zhCN.done.createOffer);
    // The form starts empty again: the title typed is not refilled.
    expect(page).not.toMatch(/name="title"[^>]*value="上门讲解防诈骗知识"/);

    const staff = await as("shequ");
    const [org] = await db().execute<{ id: string }>(sql`select id from organisations where type = 'school' limit 1`);
    const proposal = new URLSearchParams({ organisationId: org!.id, startsOn: "2027-01-01", endsOn: "2027-12-31" });
    proposal.append("categories", categories[0]!.key);
    const proposed = await staff.form(`/communities/${place!.id}`, proposal);
    expect(proposed.status).toBe(303);
    expect(mainText(await (await staff.get(proposed.headers.get("location")!)).text())).toContain(zhCN.done.proposed);

    const volunteer = await as("zhiyuanzhe");
    const [entry] = await db().execute<{ id: string; activity_id: string }>(
      sql`select id, activity_id from hour_entries where volunteer_id = ${ids.zhiyuanzhe!} and kind <> 'reversal' limit 1`,
    );
    const asked = await volunteer.form(
      "/my/hours",
      new URLSearchParams({ activityId: entry!.activity_id, hourEntryId: entry!.id, reason: "签退时间少记了半小时" }),
    );
    expect(asked.status).toBe(303);
    expect(mainText(await (await volunteer.get(asked.headers.get("location")!)).text())).toContain(zhCN.done.correction);
  });
});

describe("titles", () => {
  it("404 and 403 pages have a title, in the page's language", async () => {
    const anonymous = new Client(server.base);
    const missing = await anonymous.get("/no-such-page");
    expect(missing.status).toBe(404);
    expect(titleOf(await missing.text())).toBe(`${zhCN.errors.notFoundTitle} | 邻里`);
    anonymous.setCookie("lng", "en");
    expect(titleOf(await (await anonymous.get("/no-such-page")).text())).toBe(`${en.errors.notFoundTitle} | Linli`);

    const otherStreet = await as("shequ2");
    const forbidden = await otherStreet.get(`/streets/${dongxin}`);
    expect(forbidden.status).toBe(403);
    expect(titleOf(await forbidden.text())).toBe(`${zhCN.errors.forbiddenTitle} | 邻里`);
    const missingActivity = await anonymous.get("/activities/00000000-0000-4000-8000-000000000000");
    expect(missingActivity.status).toBe(404);
    expect(titleOf(await missingActivity.text())).toBe(`${en.errors.notFoundTitle} | Linli`);
  });

  it("every page's title follows the language switch", async () => {
    const anonymous = new Client(server.base);
    anonymous.setCookie("lng", "en");
    const pages: [string, string][] = [
      ["/", en.titles.home],
      ["/wishes", en.titles.wishes],
      ["/organisations", en.titles.organisations],
      ["/showcase", en.titles.showcase],
      ["/showcase/honour-roll", en.titles.honourRoll],
      ["/showcase/volunteers", en.titles.leaderboard],
      ["/activities", en.titles.activities],
      ["/about", en.titles.about],
      ["/login", en.titles.login],
      ["/signup", en.titles.signup],
    ];
    for (const [path, title] of pages) {
      const html = await (await anonymous.get(path)).text();
      expect(titleOf(html), path).toBe(`${title} | Linli`);
      expect(titleOf(html), path).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const admin = await as("jiedao", "en");
    expect(titleOf(await (await admin.get("/my/hours")).text())).toBe(`${en.titles.myHours} | Linli`);
  });
});
