// The read-only API of the foundation, through the route modules, on the real database and search engine.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { loader as places } from "~/routes/api.places";
import { loader as needsList } from "~/routes/api.needs";
import { loader as needById } from "~/routes/api.needs.$id";
import { loader as apiFallback } from "~/routes/api.$";
import { db } from "~/lib/db.server";
import { sql } from "drizzle-orm";
import { drainOutbox } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { seedDemo } from "../setup/seed";

const args = (path: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${path}`),
  params,
  context: {},
});

interface NeedJson {
  id: string;
  status: string;
  kind: string;
  title: string;
  description: string;
  communityId: string;
  streetId: string;
  category: string | null;
  requesterName: string;
  [key: string]: unknown;
}
interface NeedPage {
  items: NeedJson[];
  nextCursor: string | null;
}

async function listNeeds(query: string): Promise<NeedPage> {
  const res = await needsList(args(`/api/needs${query}`));
  expect(res.status).toBe(200);
  return (await res.json()) as NeedPage;
}

beforeAll(async () => {
  await seedDemo();
  // The seed queues every record for the search indexes; drain it as the running app would.
  await ensureIndexes();
  await drainOutbox();
});

describe("GET /healthz", () => {
  it("reports the real database and search engine as ok, with the outbox lag", async () => {
    const res = await healthz();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ db: "ok", search: "ok", outboxLag: 0 });
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("counts outbox rows waiting for the search engine", async () => {
    await db().execute(sql`insert into search_outbox (entity, entity_id) values ('need', gen_random_uuid()), ('offer', gen_random_uuid())`);
    expect(((await (await healthz()).json()) as { outboxLag: number }).outboxLag).toBe(2);
    await db().execute(sql`delete from search_outbox`);
    expect(((await (await healthz()).json()) as { outboxLag: number }).outboxLag).toBe(0);
  });
});

describe("GET /api/places", () => {
  it("lists districts, streets and communities as a tree and flat", async () => {
    const res = await places();
    const body = (await res.json()) as {
      districts: { name: string; streets: { name: string; communities: { name: string }[] }[] }[];
      streets: { id: string }[];
      communities: { id: string; streetId: string }[];
    };
    expect(body.streets.length).toBeGreaterThanOrEqual(5);
    const dongxin = body.districts.find((d) => d.name === "河东区")!.streets.find((s) => s.name === "东新街道")!;
    expect(dongxin.communities.map((c) => c.name)).toEqual(expect.arrayContaining(["沙柳北路社区", "凤岐里社区"]));
    expect(body.communities.every((c) => body.streets.some((s) => s.id === c.streetId))).toBe(true);
  });
});

describe("GET /api/needs", () => {
  it("lists at least 10 published needs with the documented shape", async () => {
    const page = await listNeeds("?status=published&limit=100");
    expect(page.items.length).toBeGreaterThanOrEqual(10);
    expect(page.items.every((n) => n.status === "published")).toBe(true);
    for (const key of ["id", "kind", "title", "description", "category", "status", "communityId", "streetId", "createdAt"]) {
      expect(page.items[0]).toHaveProperty(key);
    }
  });

  it("pages with a cursor, without repeats or gaps", async () => {
    const all = await listNeeds("?limit=100");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: NeedPage = await listNeeds(`?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    // The first page of 100 is the start of the walk, and the walk meets every public need once.
    expect(seen.slice(0, all.items.length)).toEqual(all.items.map((n) => n.id));
    expect(new Set(seen).size).toBe(seen.length);
    const [row] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from needs where status in ('published', 'dispatched', 'claimed', 'fulfilled', 'completed')`,
    );
    expect(seen.length).toBe(row!.n);
  });

  it("filters by community, street, kind and category", async () => {
    const { items: published } = await listNeeds("?limit=100");
    const sample = published.find((n) => n.category)!;
    const byCommunity = await listNeeds(`?community=${sample.communityId}&limit=100`);
    expect(byCommunity.items.length).toBeGreaterThan(0);
    expect(byCommunity.items.every((n) => n.communityId === sample.communityId)).toBe(true);
    const byStreet = await listNeeds(`?street=${sample.streetId}&limit=100`);
    expect(byStreet.items.every((n) => n.streetId === sample.streetId)).toBe(true);
    expect(byStreet.items.length).toBeGreaterThanOrEqual(byCommunity.items.length);
    const projects = await listNeeds("?kind=project");
    expect(projects.items.length).toBeGreaterThan(0);
    expect(projects.items.every((n) => n.kind === "project" && Array.isArray(n.items) && (n.items as unknown[]).length > 0)).toBe(true);
    const byCategory = await listNeeds(`?category=${sample.category}&limit=100`);
    expect(byCategory.items.every((n) => n.category === sample.category)).toBe(true);
  });

  it("searches titles and descriptions, but never by a phone number", async () => {
    const found = await listNeeds(`?q=${encodeURIComponent("灯")}`);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((n) => `${n.title}${n.description}`.includes("灯"))).toBe(true);
    expect((await listNeeds("?q=13912345678")).items).toEqual([]);
  });

  it("never shows private fields: no phones, addresses, full names or logins", async () => {
    const { items } = await listNeeds("?limit=100");
    const text = JSON.stringify(items);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/@demo\.linli\.local/);
    expect(text).not.toContain("刘建国");
    for (const need of items) {
      for (const key of ["contactPhone", "address", "beneficiaryName", "postedByUserId", "beneficiaryUserId", "fullName"])
        expect(need).not.toHaveProperty(key);
      if (need.kind === "micro_wish") expect(need.requesterName).toMatch(/^.\*\*$/);
    }
    // The seed typed a phone number into some descriptions: it is masked.
    const [row] = await db().execute<{ id: string }>(
      sql`select id from needs where description like '%13912345678%' and status = 'published' limit 1`,
    );
    if (row) {
      const res = await needById(args(`/api/needs/${row.id}`, { id: row.id }));
      const need = (await res.json()) as NeedJson;
      expect(need.description).toContain("***");
      expect(need.description).not.toContain("13912345678");
    }
  });

  it("answers bad input with 400 validation_failed and field errors", async () => {
    for (const [query, field] of [
      ["?limit=500", "limit"],
      ["?limit=0", "limit"],
      ["?status=nonsense", "status"],
      ["?community=not-a-uuid", "community"],
      ["?category=pets", "category"],
      ["?cursor=forged", "cursor"],
    ] as const) {
      const res = await needsList(args(`/api/needs${query}`));
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.fields).toHaveProperty(field);
    }
  });

  it("keeps drafts and wishes awaiting review away from the public", async () => {
    const res = await needsList(args("/api/needs?status=pending_review"));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const { items } = await listNeeds("?limit=100");
    expect(items.every((n) => ["published", "dispatched", "claimed", "fulfilled", "completed"].includes(n.status))).toBe(true);
    const [draft] = await db().execute<{ id: string }>(sql`select id from needs where status = 'draft' limit 1`);
    const single = await needById(args(`/api/needs/${draft!.id}`, { id: draft!.id }));
    expect(single.status).toBe(404);
  });
});

describe("unknown API paths", () => {
  it("answer 404 in the API's error shape", async () => {
    const res = await apiFallback();
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "API endpoint not found" } });
  });
});
