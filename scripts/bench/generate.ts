// Deterministic bulk data for the benchmarks: N offers and N needs on top of the demo seed, written
// in Chinese from the category taxonomy and the demo's templates, spread over the demo's communities,
// streets and organisations, with realistic statuses. Same rows for the same seed and count (times
// are relative to the day it runs, like the demo seed). Rows go in as multi-row unnest() inserts of a
// few thousand at a time; the search indexes are then rebuilt with `npm run search:reindex`.
//
// As a command: `tsx scripts/bench/generate.ts [--offers N] [--needs N] [--seed N]` generates into
// DATABASE_URL's database and reindexes into MEILI_URL (with MEILI_MASTER_KEY, LINLI_INDEX_PREFIX).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import taxonomy from "../../app/modules/categories/categories.json";
import { tianjinMidnight } from "../../app/lib/tianjin-time";
import { offerTemplates } from "../../db/seed/demo-offers";
import { communityNeedTemplates, microWishTemplates } from "../../db/seed/demo-needs";

export interface GenerateOptions {
  offers: number;
  needs: number;
  seed?: number;
  /** Rows per INSERT statement. */
  batch?: number;
  log?: (message: string) => void;
  now?: Date;
}

export interface GenerateSummary {
  offers: number;
  needs: number;
  byNeedStatus: Record<string, number>;
  activeOffers: number;
  seconds: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof mulberry32>;
const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
/** Picks a key by weight: [[value, weight], …]. */
function weighted<T>(rand: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

const categories = taxonomy.categories;

// ------------------------------------------------------------ phrases

const WHO = ["家里老人", "我母亲", "独居的父亲", "老伴", "我", "楼里几位老人", "我爱人", "隔壁的王奶奶", "残疾的儿子"];
const CONTEXT = [
  "今年八十多岁了",
  "刚做完手术，行动不方便",
  "平时一个人在家",
  "腿脚不好，上下楼困难",
  "孩子都在外地工作",
  "眼睛看不清楚",
  "上班时间顾不上",
  "年纪大了不会用智能手机",
  "住在没有电梯的老楼六层",
  "最近身体不太好",
];
const WHEN = ["这周末", "工作日白天", "下午三点以后", "尽快", "月底之前", "每周一次", "早上九点前后", "方便的时候"];
const ASK = ["想找人帮忙", "希望有人能帮忙", "麻烦社区安排", "想请志愿者帮忙", "能不能请人帮忙", "需要有人帮忙"];
const NEED_OPENINGS = ["社区反映", "居民多次提出", "网格员走访发现", "楼门长反映", "经居民议事会讨论"];
const NEED_PLACES = ["小区北门", "3号楼前", "社区活动室", "老年食堂", "中心绿地", "自行车棚", "楼道", "社区广场"];
const OFFER_SUFFIX = ["服务", "志愿服务", "上门服务", "公益课堂", "咨询", "帮扶行动", "便民活动", "进社区"];
const OFFER_OPENINGS = ["我们的志愿者", "单位专业人员", "服务团队", "党员志愿服务队", "青年志愿者"];
const WEEKDAY_SETS = ["1,2,3,4,5", "6,7", "1,3,5", "2,4", "1,2,3,4,5,6,7", "3", "6"];
const WEEKDAY_TEXT: Record<string, string> = {
  "1,2,3,4,5": "工作日",
  "6,7": "周末",
  "1,3,5": "每周一、三、五",
  "2,4": "每周二、四",
  "1,2,3,4,5,6,7": "每天",
  "3": "每周三",
  "6": "每周六",
};

function offerText(rand: Random, orgType: string, communityName: string | null, weekdays: string, capacity: number) {
  const fitting = offerTemplates.filter((t) => t.types.includes(orgType));
  if (fitting.length && rand() < 0.6) {
    const t = pick(rand, fitting);
    const category = categories.find((c) => c.key === t.category)!;
    const extra = pick(rand, category.examples_zh);
    return {
      category: t.category,
      title: rand() < 0.5 ? t.title : `${t.title}（${WEEKDAY_TEXT[weekdays]}）`,
      description: `${t.description}${extra === t.tags[0] ? "" : `也可提供${extra}。`}服务时间：${WEEKDAY_TEXT[weekdays]}，每月可服务约${capacity}次。${
        communityName ? `主要服务${communityName}。` : "服务整个街道。"
      }`,
      tags: [...new Set([...t.tags, extra])],
    };
  }
  const category = pick(rand, categories);
  const example = pick(rand, category.examples_zh);
  const other = pick(rand, category.examples_zh);
  return {
    category: category.key,
    title: `${example}${pick(rand, OFFER_SUFFIX)}`,
    description: `${pick(rand, OFFER_OPENINGS)}提供${example}${other === example ? "" : `和${other}`}等${category.zh}服务，${WEEKDAY_TEXT[weekdays]}可预约，每月约${capacity}次。${
      communityName ? `覆盖${communityName}及周边。` : "覆盖整个街道。"
    }`,
    tags: [...new Set([example, other, category.zh])],
  };
}

function wishText(rand: Random) {
  if (rand() < 0.4) {
    const t = pick(rand, microWishTemplates);
    // A resident who picks no category leaves the matcher to infer it.
    return { category: t.category, title: t.title, description: `${t.description}${rand() < 0.5 ? `${pick(rand, WHEN)}都可以。` : ""}` };
  }
  const category = pick(rand, categories);
  const example = pick(rand, category.examples_zh);
  const who = pick(rand, WHO);
  const title = weighted(rand, [
    [`${pick(rand, ASK)}${example}`, 3],
    [`${who}需要${example}`, 2],
    [`${example}的事想请人帮帮忙`, 1],
  ] as const);
  return {
    category: rand() < 0.35 ? null : category.key,
    title: title.slice(0, 80),
    description: `${who}${pick(rand, CONTEXT)}，${pick(rand, ASK)}${example}，${pick(rand, WHEN)}都可以。谢谢大家！`,
  };
}

function communityNeedText(rand: Random) {
  if (rand() < 0.4) {
    const t = pick(rand, communityNeedTemplates);
    return { category: t.category, title: t.title, description: t.description };
  }
  const category = pick(rand, categories);
  const example = pick(rand, category.examples_zh);
  const place = pick(rand, NEED_PLACES);
  return {
    category: category.key,
    title: `${place}${example}`.slice(0, 80),
    description: `${pick(rand, NEED_OPENINGS)}，${place}需要${example}，涉及居民约${10 + Math.floor(rand() * 200)}户，希望共建单位给予支持。`,
  };
}

// ------------------------------------------------------------ the demo's places and people

interface Place {
  communities: { id: string; streetId: string; name: string; lat: number; lng: number }[];
  streets: Map<string, { lat: number; lng: number }>;
  organisations: { id: string; type: string; streetId: string | null; adminId: string | null }[];
  residents: Map<string, string[]>;
  staff: Map<string, string>;
  anyAdmin: string;
}

async function readPlaces(sql: postgres.Sql): Promise<Place> {
  const communities = await sql<{ id: string; streetId: string; name: string; lat: number; lng: number }[]>`
    select id, street_id as "streetId", name, lat, lng from communities order by name`;
  const streets = await sql<{ id: string; lat: number; lng: number }[]>`select id, lat, lng from streets order by name`;
  const organisations = await sql<{ id: string; type: string; streetId: string | null; adminId: string | null }[]>`
    select o.id, o.type::text as type, o.street_id as "streetId",
      (select m.user_id from memberships m where m.organisation_id = o.id and m.role in ('org_admin', 'org_member')
        order by m.role, m.user_id limit 1) as "adminId"
    from organisations o order by o.name`;
  const members = await sql<{ communityId: string; userId: string; role: string }[]>`
    select community_id as "communityId", user_id as "userId", role::text as role from memberships
    where role in ('resident', 'community_staff') and community_id is not null order by user_id`;
  const [admin] = await sql<{ id: string }[]>`select user_id as id from memberships where role = 'platform_admin' order by user_id limit 1`;
  if (!communities.length || !organisations.length || !admin) throw new Error("generate: seed the demo data first");
  const residents = new Map<string, string[]>();
  const staff = new Map<string, string>();
  for (const m of members) {
    if (m.role === "resident") residents.set(m.communityId, [...(residents.get(m.communityId) ?? []), m.userId]);
    else if (!staff.has(m.communityId)) staff.set(m.communityId, m.userId);
  }
  return {
    communities,
    streets: new Map(streets.map((s) => [s.id, { lat: s.lat, lng: s.lng }])),
    organisations,
    residents,
    staff,
    anyAdmin: admin.id,
  };
}

// ------------------------------------------------------------ writing

// Ids: an md5 of the row number shaped as a version-4 UUID (the API accepts RFC 9562 UUIDs only).
async function insertOffers(sql: postgres.Sql, rows: Record<string, unknown[]>) {
  await sql`
    insert into offers (id, organisation_id, title, description, category, tags, community_id, street_id, lat, lng,
      capacity_per_month, weekdays, active, created_by_user_id, created_at, updated_at)
    select overlay(overlay(md5('linli-bench-offer:' || n) placing '4' from 13) placing '8' from 17)::uuid, org, title, description, category::category, string_to_array(tags, '|'),
      community, street, lat, lng, capacity, string_to_array(weekdays, ',')::smallint[], active::boolean, creator, created, created
    from unnest(${rows.n as number[]}::int[], ${rows.org as string[]}::uuid[], ${rows.title as string[]}::text[],
      ${rows.description as string[]}::text[], ${rows.category as string[]}::text[], ${rows.tags as string[]}::text[],
      ${rows.community as string[]}::uuid[], ${rows.street as string[]}::uuid[], ${rows.lat as number[]}::float8[],
      ${rows.lng as number[]}::float8[], ${rows.capacity as number[]}::int[], ${rows.weekdays as string[]}::text[],
      ${(rows.active as boolean[]).map(String)}::text[], ${rows.creator as string[]}::uuid[], ${rows.created as string[]}::timestamptz[])
      as t(n, org, title, description, category, tags, community, street, lat, lng, capacity, weekdays, active, creator, created)`;
}

async function insertNeeds(sql: postgres.Sql, rows: Record<string, unknown[]>) {
  await sql`
    insert into needs (id, kind, title, description, category, community_id, status, posted_by_user_id, reject_reason,
      created_at, updated_at, published_at, completed_at)
    select overlay(overlay(md5('linli-bench-need:' || n) placing '4' from 13) placing '8' from 17)::uuid, kind::need_kind, title, description, category::category, community,
      status::need_status, poster, reason, created, coalesce(completed, published, created), published, completed
    from unnest(${rows.n as number[]}::int[], ${rows.kind as string[]}::text[], ${rows.title as string[]}::text[],
      ${rows.description as string[]}::text[], ${rows.category as (string | null)[]}::text[], ${rows.community as string[]}::uuid[],
      ${rows.status as string[]}::text[], ${rows.poster as string[]}::uuid[], ${rows.reason as (string | null)[]}::text[],
      ${rows.created as string[]}::timestamptz[], ${rows.published as (string | null)[]}::timestamptz[],
      ${rows.completed as (string | null)[]}::timestamptz[])
      as t(n, kind, title, description, category, community, status, poster, reason, created, published, completed)`;
}

function columns(names: string[]): Record<string, unknown[]> {
  return Object.fromEntries(names.map((n) => [n, []]));
}

const NEED_STATUSES = [
  ["published", 80],
  ["pending_review", 7],
  ["completed", 6],
  ["rejected", 3],
  ["withdrawn", 2],
  ["draft", 2],
] as const;
const REJECT_REASONS = ["信息不完整，请补充具体需要帮助的事项", "该事项已由社区直接协调解决", "内容不属于微心愿服务范围"];

/** Adds the offers and needs; returns what it wrote. Call on a database holding the demo seed. */
export async function generateBenchData(databaseUrl: string, options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const batch = Math.max(100, options.batch ?? 5000);
  const rand = mulberry32(options.seed ?? 20_260_601);
  const now = options.now ?? new Date();
  // Midnight in Tianjin of the day it runs: the same day gives the same timestamps.
  const today = tianjinMidnight(now).getTime();
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const places = await readPlaces(sql);
    const communitiesOfStreet = (streetId: string) => places.communities.filter((c) => c.streetId === streetId);
    const streetIds = [...places.streets.keys()];
    const jitter = () => Math.round((rand() - 0.5) * 0.008 * 1e6) / 1e6;

    // ---------------------------------------------------------- offers
    let activeOffers = 0;
    for (let lo = 0; lo < options.offers; lo += batch) {
      const rows = columns([
        "n",
        "org",
        "title",
        "description",
        "category",
        "tags",
        "community",
        "street",
        "lat",
        "lng",
        "capacity",
        "weekdays",
        "active",
        "creator",
        "created",
      ]);
      for (let n = lo; n < Math.min(options.offers, lo + batch); n++) {
        const org = places.organisations[n % places.organisations.length]!;
        const streetId = org.streetId ?? pick(rand, streetIds);
        const local = communitiesOfStreet(streetId);
        const community = local.length && rand() < 0.55 ? pick(rand, local) : null;
        const anchor = community ?? places.streets.get(streetId)!;
        const weekdays = pick(rand, WEEKDAY_SETS);
        const capacity = pick(rand, [4, 8, 10, 20, 30, 60]);
        const text = offerText(rand, org.type, community?.name ?? null, weekdays, capacity);
        const active = rand() < 0.9;
        if (active) activeOffers++;
        rows.n!.push(n);
        rows.org!.push(org.id);
        rows.title!.push(text.title.slice(0, 80));
        rows.description!.push(text.description);
        rows.category!.push(text.category);
        rows.tags!.push(text.tags.join("|"));
        rows.community!.push(community?.id ?? null);
        rows.street!.push(community ? null : streetId);
        rows.lat!.push(Number((anchor.lat + jitter()).toFixed(6)));
        rows.lng!.push(Number((anchor.lng + jitter()).toFixed(6)));
        rows.capacity!.push(capacity);
        rows.weekdays!.push(weekdays);
        rows.active!.push(active);
        rows.creator!.push(org.adminId ?? places.anyAdmin);
        rows.created!.push(new Date(today - Math.floor(rand() * 720) * DAY - Math.floor(rand() * 12) * HOUR).toISOString());
      }
      await insertOffers(sql, rows);
      const done = Math.min(options.offers, lo + batch);
      if (done === options.offers || (done / batch) % 5 === 0)
        log(`offers: ${done.toLocaleString("en")} / ${options.offers.toLocaleString("en")}`);
    }

    // ---------------------------------------------------------- needs
    const byNeedStatus: Record<string, number> = {};
    for (let lo = 0; lo < options.needs; lo += batch) {
      const rows = columns([
        "n",
        "kind",
        "title",
        "description",
        "category",
        "community",
        "status",
        "poster",
        "reason",
        "created",
        "published",
        "completed",
      ]);
      for (let n = lo; n < Math.min(options.needs, lo + batch); n++) {
        const community = places.communities[Math.floor(rand() * places.communities.length)]!;
        const kind = rand() < 0.85 ? "micro_wish" : "need";
        const status = weighted(rand, NEED_STATUSES);
        byNeedStatus[status] = (byNeedStatus[status] ?? 0) + 1;
        const text = kind === "micro_wish" ? wishText(rand) : communityNeedText(rand);
        const staff = places.staff.get(community.id) ?? places.anyAdmin;
        const residents = places.residents.get(community.id) ?? [];
        // Residents post their own wishes; staff post community needs and one wish in six for a resident (代办).
        const poster = kind === "micro_wish" && residents.length && rand() < 0.83 ? pick(rand, residents) : staff;
        const ageDays = status === "completed" ? 30 + Math.floor(rand() * 330) : Math.floor(rand() * (status === "published" ? 120 : 30));
        const created = today - ageDays * DAY + (8 + Math.floor(rand() * 12)) * HOUR;
        const published = ["published", "completed"].includes(status) ? created + (2 + Math.floor(rand() * 30)) * HOUR : null;
        const completed = status === "completed" ? published! + (3 + Math.floor(rand() * 20)) * DAY : null;
        rows.n!.push(n);
        rows.kind!.push(kind);
        rows.title!.push(text.title);
        rows.description!.push(text.description);
        rows.category!.push(text.category);
        rows.community!.push(community.id);
        rows.status!.push(status);
        rows.poster!.push(poster);
        rows.reason!.push(status === "rejected" ? pick(rand, REJECT_REASONS) : null);
        rows.created!.push(new Date(created).toISOString());
        rows.published!.push(published === null ? null : new Date(published).toISOString());
        rows.completed!.push(completed === null ? null : new Date(Math.min(completed, now.getTime())).toISOString());
      }
      await insertNeeds(sql, rows);
      const done = Math.min(options.needs, lo + batch);
      if (done === options.needs || (done / batch) % 5 === 0)
        log(`needs: ${done.toLocaleString("en")} / ${options.needs.toLocaleString("en")}`);
    }
    await sql`analyze offers`;
    await sql`analyze needs`;
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    return { offers: options.offers, needs: options.needs, byNeedStatus, activeOffers, seconds };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Rebuilds the search indexes from the database with the project's own full reindex
 * (`npm run search:reindex`), as a child process with the same environment as the app.
 */
export async function reindexSearch(env: Record<string, string>, log: (message: string) => void = () => {}): Promise<number> {
  const script = path.join(projectRoot, "scripts", "search-reindex.ts");
  if (!fs.existsSync(script)) throw new Error("scripts/search-reindex.ts does not exist yet: the search indexes cannot be rebuilt");
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    // Its output is progress: onto our stderr, so stdout keeps only the benchmark's result.
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    let pending = "";
    stream.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(`reindex: ${line}`);
    });
  }
  const stopChild = () => child.kill("SIGTERM");
  process.once("exit", stopChild);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  process.removeListener("exit", stopChild);
  if (code !== 0) throw new Error(`search reindex failed (exit code ${code})`);
  return (Date.now() - started) / 1000;
}

// ------------------------------------------------------------ command line

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const option = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at < 0 ? fallback : Number(process.argv[at + 1]?.replace(/_/g, ""));
  };
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required");
  const log = (m: string) => console.error(`[generate] ${m}`);
  const offers = option("offers", 100_000);
  const summary = await generateBenchData(databaseUrl, { offers, needs: option("needs", offers), seed: option("seed", 20_260_601), log });
  log(`written in ${summary.seconds} s: ${JSON.stringify(summary.byNeedStatus)}`);
  if (process.env.MEILI_URL) log(`reindexed in ${(await reindexSearch({}, log)).toFixed(1)} s`);
  console.log(JSON.stringify(summary));
}
