// Matching on the real Meilisearch: the outbox relay indexes changes, the matcher finds the right
// partner for colloquial wishes (and nothing when nothing fits), the reverse direction, reindexing
// with a swap, and what happens while Meilisearch is unreachable.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { indexName, searchClient } from "~/lib/search.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { drainOutbox, outboxLag } from "~/modules/search/outbox-relay.server";
import { reindexAll } from "~/modules/search/reindex.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { refreshSuggestions } from "~/modules/suggestions/suggestions.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";
import { withSearchUnreachable } from "../setup/search";
import { nowMs } from "~/lib/clock.server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let community = "";
let teamOrg = "";

interface MatchItem {
  id: string;
  title: string;
  tags: string[];
  category: string;
  score: number;
  reasons: string[];
  explanation: { matchedWords: string[]; areaFit: string };
}

async function as(login: string) {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status).toBe(200);
  return c;
}

/**
 * A need's matches as its poster reads them. A 503 (a search that took longer than the client's 3 s,
 * seen once under the whole suite on two cores) is asked again, twice at most; any other answer fails
 * with its status and body, so a failure says what came back.
 */
async function matchesOf(needId: string): Promise<MatchItem[]> {
  const resident = await as("jumin");
  for (let attempt = 1; ; attempt++) {
    const res = await resident.get(`/api/needs/${needId}/matches`);
    const text = await res.text();
    if (res.status === 503 && attempt < 3) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    expect(res.status, text.slice(0, 500)).toBe(200);
    return (JSON.parse(text) as { items: MatchItem[] }).items;
  }
}

async function publishedWish(title: string, description: string) {
  const resident = await as("jumin");
  const posted = await resident.post("/api/needs", { kind: "micro_wish", title, description, communityId: community });
  expect(posted.status).toBe(201);
  const { id } = (await posted.json()) as { id: string };
  const staff = await as("shequ");
  expect((await staff.post(`/api/needs/${id}/transitions`, { action: "approve" })).status).toBe(200);
  return { id, resident, staff };
}

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
  const [row] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  community = row!.id;
  const [org] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'duizhang@demo.linli.local'`,
  );
  teamOrg = org!.id;
  await ensureIndexes();
  await drainOutbox();
});
afterAll(() => server.close());

describe("indexes", () => {
  it("are created with their settings, and applying them again changes nothing", async () => {
    const again = await ensureIndexes();
    expect(again).toEqual({ offers: [], needs: [], activities: [] });
    const settings = await searchClient().index(indexName("offers")).getSettings();
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["cmn"] }]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["_geo", "active", "streetId", "communityId", "category"]));
    expect(settings.synonyms?.["大夫"]).toContain("医生");
    // Offers are searched term by term: no custom dictionary there (it costs every query ~2 ms).
    expect(settings.dictionary).toEqual([]);
    expect((await searchClient().index(indexName("needs")).getSettings()).dictionary).toContain("四点半课堂");
    const index = await searchClient().getIndex(indexName("offers"));
    expect(index.primaryKey).toBe("id");
  });

  it("hold the seeded data once the outbox is drained", async () => {
    expect(await outboxLag()).toBe(0);
    const [counts] = await db().execute<{ offers: number; public_needs: number; activities: number }>(sql`
      select (select count(*)::int from offers) as offers,
             (select count(*)::int from needs where status in ('published', 'dispatched', 'claimed', 'fulfilled', 'completed')) as public_needs,
             (select count(*)::int from activities) as activities`);
    const stats = await searchClient().getStats();
    expect(stats.indexes[indexName("offers")]?.numberOfDocuments).toBe(counts!.offers);
    expect(stats.indexes[indexName("needs")]?.numberOfDocuments).toBe(counts!.public_needs);
    expect(stats.indexes[indexName("activities")]?.numberOfDocuments).toBe(counts!.activities);
  });
});

describe("GET /api/needs/:id/matches", () => {
  let wish = "";
  let afterSchool = "";

  beforeAll(async () => {
    const team = await as("duizhang");
    const created = await team.post("/api/offers", {
      organisationId: teamOrg,
      title: "“小书包”四点半课堂",
      description: "工作日下午在社区活动室照看放学的小学生，志愿者辅导作业，等家长下班来接。",
      category: "child_care",
      tags: ["四点半课堂", "课后托管", "作业辅导"],
      communityId: community,
      capacityPerMonth: 20,
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(created.status).toBe(201);
    afterSchool = ((await created.json()) as { id: string }).id;
    wish = (
      await publishedWish("孩子放学后没人管", "闺女两口子都在厂里上班，外孙女上三年级，下午三点多就放学了，家里没人接也没人看着写作业。")
    ).id;
    await drainOutbox();
  });

  it("puts the after-school club first for a colloquial wish with no category, with score and reasons", async () => {
    const res = await (await as("jumin")).get(`/api/needs/${wish}/matches`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: MatchItem[]; nextCursor: null };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]!.category).toBe("child_care");
    expect(body.items.map((i) => i.id)).toContain(afterSchool);
    expect(body.items[0]!.score).toBeGreaterThan(0);
    expect(body.items[0]!.score).toBeLessThanOrEqual(1);
    expect(body.items[0]!.reasons.join(" ")).toMatch(/匹配词/);
    // Scores never increase down the list.
    const scores = body.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("speaks the viewer's language in the reasons", async () => {
    const staff = await as("shequ");
    staff.setCookie("lng", "en");
    const res = await staff.get(`/api/needs/${wish}/matches`);
    const body = (await res.json()) as { items: MatchItem[] };
    expect(body.items[0]!.reasons.join(" ")).toMatch(/Matched words/);
  });

  it("answers the PostgreSQL baseline engine on request", async () => {
    const res = await (await as("shequ")).get(`/api/needs/${wish}/matches?engine=baseline`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { engine: string }).engine).toBe("baseline");
    const bad = await (await as("shequ")).get(`/api/needs/${wish}/matches?engine=magic&limit=0`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; fields: Record<string, string> } }).error).toMatchObject({
      code: "validation_failed",
      fields: { engine: expect.any(String), limit: expect.any(String) },
    });
  });

  it("is for the poster and the community's staff only", async () => {
    expect((await new Client(server.base).get(`/api/needs/${wish}/matches`)).status).toBe(401);
    // Signed out is answered first, whatever else is wrong (the need is read while the session is checked).
    expect((await new Client(server.base).get(`/api/needs/not-a-need/matches`)).status).toBe(401);
    expect((await new Client(server.base).get(`/api/needs/${wish}/matches?engine=magic`)).status).toBe(401);
    expect((await new Client(server.base).get(`/api/needs/00000000-0000-4000-8000-000000000000/matches`)).status).toBe(401);
    const forged = await new Client(server.base).request("GET", `/api/needs/${wish}/matches`, undefined, {
      Cookie: "linli_session=forged-session-id",
    });
    expect(forged.status).toBe(401);
    expect((await (await as("jumin2")).get(`/api/needs/${wish}/matches`)).status).toBe(403);
    expect((await (await as("shequ2")).get(`/api/needs/${wish}/matches`)).status).toBe(403);
    expect((await (await as("jiedao")).get(`/api/needs/${wish}/matches`)).status).toBe(200);
    expect((await (await as("shequ")).get(`/api/needs/00000000-0000-4000-8000-000000000000/matches`)).status).toBe(404);
  });

  it("drops an offer once it is paused (through the outbox)", async () => {
    const team = await as("duizhang");
    expect((await team.patch(`/api/offers/${afterSchool}`, { active: false })).status).toBe(200);
    try {
      await drainOutbox();
      expect((await matchesOf(wish)).map((i) => i.id)).not.toContain(afterSchool);
    } finally {
      // Active again even when the check fails, so the tests after it start from the seed's offers.
      expect((await team.patch(`/api/offers/${afterSchool}`, { active: true })).status).toBe(200);
      await drainOutbox();
    }
  });

  it("says nothing rather than showing noise when nothing fits", async () => {
    const { id } = await publishedWish(
      "过年回老家猫没人喂",
      "春节要回老家待十来天，家里两只猫没人照看，想找个靠谱的人帮忙上门喂喂、铲铲猫砂。",
    );
    await drainOutbox();
    expect(await matchesOf(id)).toEqual([]);
  });

  it("shows the partners on the wish page to the poster, not to the public", async () => {
    await refreshSuggestions("need", wish);
    const page = await (await as("jumin")).get(`/wishes/${wish}`);
    const html = await page.text();
    expect(html).toContain("可能帮得上忙的伙伴");
    expect(html).toContain("四点半课堂");
    const publicHtml = await (await new Client(server.base).get(`/wishes/${wish}`)).text();
    expect(publicHtml).not.toContain("可能帮得上忙的伙伴");
  });
});

describe("GET /api/offers/:id/matches", () => {
  it("lists open needs that fit an offer, for its organisation and the area's staff", async () => {
    const { id: wish } = await publishedWish("家里冰箱不制冷了", "冰箱这两天突然不制冷了，外面修一次要好几百，想找人给看看。");
    const team = await as("duizhang");
    const created = await team.post("/api/offers", {
      organisationId: teamOrg,
      title: "家电义务检修",
      description: "志愿者每月上门检修冰箱、洗衣机、电视等家电，只收零件费。",
      category: "repair",
      tags: ["家电维修", "冰箱"],
      communityId: community,
      capacityPerMonth: 10,
      weekdays: [6],
    });
    const offer = ((await created.json()) as { id: string }).id;
    await drainOutbox();
    const res = await team.get(`/api/offers/${offer}/matches`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; status: string; score: number; reasons: string[] }[] };
    expect(body.items.slice(0, 3).map((n) => n.id)).toContain(wish);
    expect(body.items.every((n) => n.status === "published")).toBe(true);
    expect((await (await as("shequ")).get(`/api/offers/${offer}/matches`)).status).toBe(200);
    expect((await (await as("jumin")).get(`/api/offers/${offer}/matches`)).status).toBe(403);
    // The dashboard's "needs that fit us" shows it too.
    await refreshSuggestions("organisation", teamOrg);
    const html = await (await team.get("/org")).text();
    expect(html).toContain("适合我们的需求");
    expect(html).toContain("家里冰箱不制冷了");
  });
});

describe("offers that do not serve the need's area", () => {
  it("are listed after those that do, as fallbacks that say so, unless they serve only their own estate", async () => {
    const [other] = await db().execute<{ id: string }>(sql`select id from communities where name = '倚虹西里社区'`);
    const team = await as("duizhang");
    const post = async (title: string, description: string, tags: string[]) => {
      const res = await team.post("/api/offers", {
        organisationId: teamOrg,
        title,
        description,
        category: "daily_life",
        tags,
        communityId: other!.id,
        capacityPerMonth: 20,
        weekdays: [6],
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const grinder = await post("磨菜刀、磨剪子", "每周六上午在倚虹西里社区小广场免费磨菜刀、磨剪子，修雨伞。", ["磨刀", "磨剪子", "菜刀"]);
    const estateOnly = await post("物业磨刀服务", "每周六在倚虹西里小区物业办公室免费磨菜刀、磨剪子。非本小区业主不在服务范围。", [
      "磨刀",
      "磨剪子",
      "菜刀",
    ]);
    const { id: wish } = await publishedWish(
      "菜刀剪子钝了想磨一磨",
      "家里的菜刀和剪子都钝了，切菜切不动，想找个会磨刀的师傅给磨磨菜刀剪子。",
    );
    await drainOutbox();
    const items = await matchesOf(wish);
    const fallback = items.find((m) => m.id === grinder);
    expect(fallback, JSON.stringify(items.map((m) => [m.title, m.score]))).toBeDefined();
    expect(fallback!.explanation.areaFit).toBe("street");
    expect(fallback!.reasons).toContain("超出该服务的范围，可联系商量");
    expect(items.map((m) => m.id)).not.toContain(estateOnly);
    // Every offer that serves the area comes before it.
    const position = items.indexOf(fallback!);
    expect(items.slice(position).every((m) => m.explanation.areaFit !== "community")).toBe(true);
    // Both directions agree: the offer's own list of needs holds the wish.
    const reverse = await team.get(`/api/offers/${grinder}/matches`);
    expect(reverse.status).toBe(200);
    const needs = ((await reverse.json()) as { items: { id: string }[] }).items;
    expect(needs.map((n) => n.id)).toContain(wish);
  });
});

describe("GET /api/me/activity-matches", () => {
  it("suggests scheduled activities near a volunteer's home that they have not signed up for", async () => {
    const volunteer = await as("zhiyuanzhe");
    const res = await volunteer.get("/api/me/activity-matches?limit=5");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; status: string; startsAt: string; reasons: string[] }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
    for (const a of body.items) {
      expect(a.status).toBe("scheduled");
      expect(new Date(a.startsAt).getTime()).toBeGreaterThan(nowMs());
      expect(a.reasons.length).toBeGreaterThan(0);
    }
    // Once signed up for the first suggestion, it is no longer suggested.
    const first = body.items[0]!.id;
    expect((await volunteer.post(`/api/activities/${first}/signups`)).status).toBe(201);
    const again = (await (await volunteer.get("/api/me/activity-matches?limit=5")).json()) as { items: { id: string }[] };
    expect(again.items.map((a) => a.id)).not.toContain(first);
    expect((await new Client(server.base).get("/api/me/activity-matches")).status).toBe(401);
  });
});

describe("wish wall search", () => {
  it("finds wishes by words inside a sentence and marks the matched words", async () => {
    await drainOutbox();
    const html = await (await new Client(server.base).get(`/wishes?q=${encodeURIComponent("不制冷")}`)).text();
    expect(html).toContain("<mark>制冷</mark>");
    expect(html).toContain("家里冰箱");
  });
});

describe("while Meilisearch is unreachable", () => {
  it("keeps pages and posting working, answers 503 for matches, and catches up afterwards", async () => {
    const resident = await as("jumin");
    let postedId = "";
    await withSearchUnreachable(async () => {
      const [any] = await db().execute<{ id: string }>(
        sql`select id from needs where status = 'published' and community_id = ${community} limit 1`,
      );
      const matches = await (await as("shequ")).get(`/api/needs/${any!.id}/matches`);
      expect(matches.status).toBe(503);
      expect(((await matches.json()) as { error: { code: string } }).error.code).toBe("unavailable");
      const posted = await resident.post("/api/needs", { kind: "micro_wish", title: "想学用智能手机挂号", communityId: community });
      expect(posted.status).toBe(201);
      postedId = ((await posted.json()) as { id: string }).id;
      expect((await resident.get("/")).status).toBe(200);
      const wall = await new Client(server.base).get(`/wishes?q=${encodeURIComponent("挂号")}`);
      expect(wall.status).toBe(200);
      expect(await wall.text()).toContain("搜索暂时不可用");
      const health = (await (await new Client(server.base).get("/healthz")).json()) as { search: string; outboxLag: number };
      expect(health.search).toBe("down");
      const failed = await drainOutbox();
      expect(failed.failed).toBeGreaterThan(0);
      expect(await outboxLag()).toBeGreaterThan(0);
    });
    const [row] = await db().execute<{ attempts: number }>(sql`select max(attempts)::int as attempts from search_outbox`);
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    // Retries wait for their back-off: make them due now rather than sleeping in a test.
    await db().execute(sql`update search_outbox set available_at = linli_now()`);
    await drainOutbox();
    expect(await outboxLag()).toBe(0);
    const staff = await as("shequ");
    expect((await staff.post(`/api/needs/${postedId}/transitions`, { action: "approve" })).status).toBe(200);
    await drainOutbox();
    const found = await searchClient().index(indexName("needs")).getDocument(postedId);
    expect(found.title).toBe("想学用智能手机挂号");
  });
});

describe("npm run search:reindex", () => {
  it("rebuilds every index into a fresh one and swaps it in, keeping the same documents", async () => {
    const before = await searchClient().getStats();
    const counts = await reindexAll({ log: () => {} });
    const after = await searchClient().getStats();
    for (const base of ["offers", "needs", "activities"] as const) {
      expect(after.indexes[indexName(base)]?.numberOfDocuments).toBe(counts[base]);
      expect(counts[base]).toBe(before.indexes[indexName(base)]?.numberOfDocuments);
    }
    const { results } = await searchClient().getIndexes({ limit: 1000 });
    const prefix = indexName("offers").replace(/offers$/, "");
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(prefix))).toHaveLength(3);
  });
});
