// The deterministic demo data of shared/DEMO.md: same rows every run (times are relative to the
// day it runs, so "the last 12 months" stays true). Written in one transaction.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { PgTable } from "drizzle-orm/pg-core";
import * as schema from "../schema";
import { now as clockNow } from "../../app/lib/clock.server";
import { entryMinutes } from "../../app/modules/ledger/entries.server";
import { tianjinMidnight } from "../../app/lib/tianjin-time";
import { demoPlaces, givenNames, surnames } from "./demo-places";
import { demoOrganisations, type DemoOrganisation } from "./demo-organisations";
import { offerTemplates } from "./demo-offers";
import { seedDemoMessaging } from "./demo-messaging";
import { seedDemoProblems } from "./demo-problems";
import { activityTemplates, communityNeedTemplates, microWishTemplates, projectTemplates, type NeedTemplate } from "./demo-needs";

type Db = PostgresJsDatabase<typeof schema>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEMO_PASSWORD = "linli-demo-2026";
export const DEMO_EMAIL_DOMAIN = "demo.linli.local";

/** A stable UUID (version 5 layout) for a demo record, so ids do not change between runs. */
export function demoId(key: string): string {
  const hex = createHash("sha1").update(`linli-demo/${key}`).digest("hex");
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export type DatabaseState = "empty" | "demo" | "other";

/** Whether the database is empty, holds only demo data, or holds someone's real data. */
export async function databaseState(db: Db): Promise<DatabaseState> {
  const [row] = await db.execute<{ users: string; other: string; places: string }>(sql`
    select (select count(*) from users) as users,
           (select count(*) from users where not is_demo) as other,
           (select count(*) from districts) as places`);
  if (!row || (Number(row.users) === 0 && Number(row.places) === 0)) return "empty";
  return Number(row.other) > 0 ? "other" : "demo";
}

export interface SeedSummary {
  districts: number;
  streets: number;
  communities: number;
  users: number;
  organisations: number;
  offers: number;
  needs: number;
  activities: number;
  hourEntries: number;
  agreements: number;
}

interface SeedOptions {
  passwordHash: string;
  now?: Date;
}

export async function seedDemoData(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const state = await databaseState(db);
  if (state !== "empty") {
    throw new Error(
      state === "other"
        ? "refusing to seed: the database holds non-demo data"
        : "the database already holds the demo data (use `npm run db:seed -- --reset` to rebuild it)",
    );
  }
  return db.transaction((tx) => writeDemoData(tx, options));
}

async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: T["$inferInsert"][]) {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(table as never).values(rows.slice(i, i + 500) as never);
}

type UserRow = typeof schema.users.$inferInsert;
type MembershipRow = typeof schema.memberships.$inferInsert;

/** A demo user's id, by login. */
const userId = (login: string) => demoId(`user:${login}`);

/**
 * The demo data, one section after the other (a section uses the rows of the ones before it, and the
 * random numbers are drawn in this order: a new section goes at the end, or the data changes).
 */
async function writeDemoData(tx: Tx, { passwordHash, now = clockNow() }: SeedOptions): Promise<SeedSummary> {
  // The database's clock (linli_now(): defaults, and the rules that look at "today", such as an
  // activity dated within a year) reads the seed's own date for this transaction.
  await tx.execute(sql`select set_config('linli.clock_offset_ms', ${String(Math.round(now.getTime() - Date.now()))}, true)`);
  const demo = demoContext(tx, passwordHash, now);
  const places = await seedPlaces(demo);
  const people = seedPeople(demo, places);
  const organisations = await seedOrganisations(demo, { ...places, ...people });
  const offers = await seedOffers(demo, { ...places, ...organisations });
  const agreements = await seedAgreements(demo, { ...places, ...people, ...organisations, ...offers });
  const needs = await seedNeeds(demo, { ...places, ...people, ...organisations, ...offers });
  const activities = await seedActivities(demo, { ...places, ...people, ...organisations });
  const corrections = await seedCorrections(demo, activities);
  await insertAll(tx, schema.auditEvents, needs.auditRows);
  await seedDemoMessaging(tx, now, demoId("need:messaging"));
  await seedDemoProblems(tx, { passwordHash, now, demoId, email: demo.email });
  await drawClaimsOnOffers(tx);
  await queueForSearch(tx);

  return {
    districts: places.districtRows.length,
    streets: places.streetRows.length,
    communities: places.communityRows.length,
    users: people.users.length,
    organisations: organisations.orgRows.length,
    offers: offers.offerRows.length,
    needs: needs.needRows.length,
    activities: activities.activityRows.length,
    hourEntries: activities.entryRows.length + corrections.reversals.length + corrections.corrections.length,
    agreements: agreements.agreementRows.length,
  };
}

/**
 * Each demo claim draws on its organisation's offer serving the case's place, of the case's category when it
 * has one (as a claim made in the app would): so the demo's offers show capacity spent this month.
 */
async function drawClaimsOnOffers(tx: Tx) {
  await tx.execute(sql`
    update claims c set offer_id = (
      select f.id from offers f
      join needs n on n.id = c.need_id
      join communities nc on nc.id = n.community_id
      left join need_items i on i.id = c.item_id
      where f.organisation_id = c.organisation_id and (f.community_id = n.community_id or f.street_id = nc.street_id)
      order by (f.category = coalesce(i.category, n.category)) desc nulls last, f.created_at, f.id
      limit 1)
    where c.offer_id is null`);
}

/** What every section uses: the transaction, the seeded random numbers, dates around the seed's day, names. */
function demoContext(tx: Tx, passwordHash: string, now: Date) {
  const rand = mulberry32(20_261_123);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  // Dates spread around the day the seed runs (the app's clock), Tianjin time.
  const today = tianjinMidnight(now);
  const daysAgo = (days: number, hour = 10) => new Date(today.getTime() - days * DAY + hour * HOUR);
  // What already happened happened before now: a history dated "today at 20:00" seeded at 09:00 would lie.
  const latestPast = now.getTime() - 10 * MINUTE;
  const notAfterNow = (at: Date) => new Date(Math.min(at.getTime(), latestPast));
  // A step of a history: at least an hour after the one before it, and not after now.
  const after = (earlier: Date, at: Date) => notAfterNow(new Date(Math.max(at.getTime(), earlier.getTime() + HOUR)));
  const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
  let nameCounter = 0;
  const personName = () => {
    nameCounter++;
    return `${surnames[(nameCounter * 7) % surnames.length]}${givenNames[(nameCounter * 11) % givenNames.length]}`;
  };
  return { tx, passwordHash, rand, int, pick, shuffle, today, daysAgo, notAfterNow, after, email, personName };
}
type Demo = ReturnType<typeof demoContext>;

// ------------------------------------------------------------ places
async function seedPlaces({ tx, daysAgo }: Demo) {
  const districtRows: (typeof schema.districts.$inferInsert)[] = [];
  const streetRows: (typeof schema.streets.$inferInsert)[] = [];
  const communityRows: (typeof schema.communities.$inferInsert & { id: string; key: string; streetKey: string })[] = [];
  for (const d of demoPlaces) {
    const districtId = demoId(`district:${d.district}`);
    districtRows.push({ id: districtId, name: d.district, createdAt: daysAgo(400) });
    for (const s of d.streets) {
      streetRows.push({ id: demoId(`street:${s.key}`), districtId, name: s.name, lat: s.lat, lng: s.lng, createdAt: daysAgo(400) });
      for (const c of s.communities) {
        communityRows.push({
          id: demoId(`community:${c.key}`),
          key: c.key,
          streetKey: s.key,
          streetId: demoId(`street:${s.key}`),
          name: c.name,
          lat: c.lat,
          lng: c.lng,
          createdAt: daysAgo(400),
        });
      }
    }
  }
  await insertAll(tx, schema.districts, districtRows);
  await insertAll(tx, schema.streets, streetRows);
  await insertAll(
    tx,
    schema.communities,
    communityRows.map(({ key: _k, streetKey: _s, ...row }) => row),
  );
  const communityByKey = new Map(communityRows.map((c) => [c.key, c]));
  const communitiesOfStreet = (streetKey: string) => communityRows.filter((c) => c.streetKey === streetKey);
  const community = (key: string) => communityByKey.get(key)!;
  return { districtRows, streetRows, communityRows, communitiesOfStreet, community };
}
type Places = Awaited<ReturnType<typeof seedPlaces>>;

// ------------------------------------------------------------ people
/** Staff and residents (written with the organisations' people, in seedOrganisations). */
function seedPeople({ passwordHash, daysAgo, email, personName, int }: Demo, { communityRows, communitiesOfStreet, community }: Places) {
  const users: UserRow[] = [];
  const memberships: MembershipRow[] = [];
  const addUser = (login: string, row: Omit<UserRow, "id" | "passwordHash" | "isDemo">) => {
    users.push({ id: userId(login), passwordHash, isDemo: true, createdAt: daysAgo(380), ...row });
    return userId(login);
  };
  const addMembership = (login: string, role: MembershipRow["role"], scope: Partial<MembershipRow> = {}) =>
    memberships.push({
      id: demoId(`membership:${login}:${role}:${scope.organisationId ?? scope.communityId ?? scope.streetId ?? ""}`),
      userId: userId(login),
      role,
      createdAt: daysAgo(370),
      ...scope,
    });

  const shaliu = community("shaliubeilu");
  addUser("admin", { displayName: "周平", fullName: "周平", email: email("admin") });
  addMembership("admin", "platform_admin");
  addUser("jiedao", { displayName: "韩立新", fullName: "韩立新", email: email("jiedao") });
  addMembership("jiedao", "street_admin", { streetId: demoId("street:dongxin") });
  for (const street of demoPlaces.flatMap((d) => d.streets)) {
    if (street.key === "dongxin") continue;
    const login = `jiedao-${street.key}`;
    addUser(login, { displayName: personName(), email: email(login) });
    addMembership(login, "street_admin", { streetId: demoId(`street:${street.key}`) });
  }
  const staffLogin = new Map<string, string>([
    ["shaliubeilu", "shequ"],
    ["sanshengli", "shequ2"],
  ]);
  addUser("shequ", { displayName: "李秀梅", fullName: "李秀梅", email: email("shequ"), homeCommunityId: shaliu.id });
  addUser("shequ2", { displayName: "王海燕", fullName: "王海燕", email: email("shequ2"), homeCommunityId: community("sanshengli").id });
  for (const c of communityRows) {
    if (!staffLogin.has(c.key)) {
      staffLogin.set(c.key, `staff-${c.key}`);
      addUser(`staff-${c.key}`, { displayName: personName(), email: email(`staff-${c.key}`), homeCommunityId: c.id });
    }
    addMembership(staffLogin.get(c.key)!, "community_staff", { communityId: c.id });
  }

  // Residents: the demo logins, one phone-only resident registered by staff, and more across communities.
  const residentsByCommunity = new Map<string, string[]>();
  const addResident = (login: string, row: Omit<UserRow, "id" | "passwordHash" | "isDemo">, communityKey: string) => {
    addUser(login, { ...row, homeCommunityId: community(communityKey).id });
    addMembership(login, "resident", { communityId: community(communityKey).id });
    residentsByCommunity.set(communityKey, [...(residentsByCommunity.get(communityKey) ?? []), login]);
  };
  addResident(
    "jumin",
    { displayName: "刘大爷", fullName: "刘建国", email: email("jumin"), phone: "13900000001", address: "沙柳北路12号楼3门201" },
    "shaliubeilu",
  );
  addResident(
    "jumin2",
    { displayName: "张桂兰", fullName: "张桂兰", email: email("jumin2"), phone: "13900000002", address: "沙柳北路8号楼1门302" },
    "shaliubeilu",
  );
  addResident(
    "13800000001",
    {
      displayName: "吴奶奶",
      fullName: "吴淑珍",
      phone: "13800000001",
      address: "沙柳北路5号楼2门101",
      createdByUserId: userId("shequ"),
      consentRecordedAt: daysAgo(300),
    },
    "shaliubeilu",
  );
  for (let i = 1; i <= 60; i++) {
    const c = i <= 30 ? communitiesOfStreet("dongxin")[i % 5]! : communityRows[i % communityRows.length]!;
    const name = personName();
    addResident(
      `resident${String(i).padStart(2, "0")}`,
      {
        displayName: name,
        fullName: name,
        email: email(`resident${String(i).padStart(2, "0")}`),
        phone: `139100${String(i).padStart(5, "0")}`,
        address: `${c.name.replace("社区", "")}${int(1, 20)}号楼${int(1, 4)}门${int(1, 6)}0${int(1, 3)}`,
      },
      c.key,
    );
  }
  return { users, memberships, addUser, addMembership, staffLogin, residentsByCommunity };
}
type People = ReturnType<typeof seedPeople>;

// ------------------------------------------------------------ organisations
async function seedOrganisations(
  { tx, rand, pick, daysAgo, email, personName }: Demo,
  { communityRows, communitiesOfStreet, community, users, memberships, addUser, addMembership }: Places & People,
) {
  const orgAdmin = new Map<string, string>();
  const orgRows: (typeof schema.organisations.$inferInsert)[] = demoOrganisations.map((o) => {
    const admin = o.admin ?? `org-${o.key}`;
    orgAdmin.set(o.key, admin);
    return {
      id: demoId(`org:${o.key}`),
      type: o.type,
      name: o.name,
      description: o.description,
      streetId: demoId(`street:${o.street}`),
      serviceArea: demoPlaces.flatMap((d) => d.streets).find((s) => s.key === o.street)!.name,
      publicContact: o.publicContact ?? null,
      createdByUserId: userId("admin"),
      createdAt: daysAgo(360),
      updatedAt: daysAgo(360),
    };
  });
  const adminNames: Record<string, string> = { yinhang: "陈志强", yiyuan: "赵敏", qiye: "孙浩然", duizhang: "马俊杰" };
  for (const o of demoOrganisations) {
    const admin = orgAdmin.get(o.key)!;
    const name = adminNames[admin] ?? personName();
    addUser(admin, { displayName: name, fullName: name, email: email(admin) });
    addMembership(admin, "org_admin", { organisationId: demoId(`org:${o.key}`) });
  }

  // Volunteers: the demo volunteer plus 199 more, most in a team.
  const teams = demoOrganisations.filter((o) => o.type === "volunteer_team");
  const volunteers: string[] = [];
  const addVolunteer = (login: string, name: string, team: DemoOrganisation | null, homeKey: string) => {
    addUser(login, {
      displayName: name,
      fullName: name,
      email: email(login),
      phone: null,
      homeCommunityId: community(homeKey).id,
      showOnLeaderboard: rand() < 0.6,
    });
    addMembership(login, "volunteer", { communityId: community(homeKey).id });
    if (team) addMembership(login, "org_member", { organisationId: demoId(`org:${team.key}`) });
    volunteers.push(login);
  };
  addVolunteer("zhiyuanzhe", "林欣怡", teams[0]!, "shaliubeilu");
  users[users.length - 1]!.showOnLeaderboard = true;
  for (let i = 1; i <= 199; i++) {
    const team = i % 5 === 0 ? null : teams[i % teams.length]!;
    const home = team ? pick(communitiesOfStreet(team.street)) : pick(communityRows);
    addVolunteer(`volunteer${String(i).padStart(3, "0")}`, personName(), team, home.key);
  }
  await insertAll(tx, schema.users, users);
  await insertAll(tx, schema.organisations, orgRows);
  await insertAll(tx, schema.memberships, memberships);
  return { orgRows, orgAdmin, teams, volunteers };
}
type Organisations = Awaited<ReturnType<typeof seedOrganisations>>;

// ------------------------------------------------------------ offers
async function seedOffers({ tx, rand, pick, daysAgo }: Demo, { streetRows, communitiesOfStreet, orgAdmin }: Places & Organisations) {
  const offerRows: (typeof schema.offers.$inferInsert)[] = [];
  const nextTemplate = new Map<string, number>();
  const orgCategories = new Map<string, Set<string>>();
  for (let round = 0; offerRows.length < 80; round++) {
    for (const o of demoOrganisations) {
      if (offerRows.length >= 80) break;
      const fitting = offerTemplates.filter((t) => t.types.includes(o.type) && (!o.categories || o.categories.includes(t.category)));
      const index = nextTemplate.get(o.key) ?? 0;
      if (index >= fitting.length) continue;
      nextTemplate.set(o.key, index + 1);
      const template = fitting[(index + o.key.length) % fitting.length]!;
      const streetWide = rand() < 0.45;
      const c = pick(communitiesOfStreet(o.street));
      const anchor = streetWide ? streetRows.find((s) => s.id === demoId(`street:${o.street}`))! : c;
      const n = offerRows.length;
      offerRows.push({
        id: demoId(`offer:${n}`),
        organisationId: demoId(`org:${o.key}`),
        title: template.title,
        description: template.description,
        category: template.category,
        tags: template.tags,
        communityId: streetWide ? null : c.id,
        streetId: streetWide ? demoId(`street:${o.street}`) : null,
        lat: Number((anchor.lat + (rand() - 0.5) * 0.004).toFixed(6)),
        lng: Number((anchor.lng + (rand() - 0.5) * 0.004).toFixed(6)),
        capacityPerMonth: pick([4, 8, 10, 20, 30, 60]),
        weekdays: pick([
          [1, 2, 3, 4, 5],
          [6, 7],
          [1, 3, 5],
          [2, 4],
          [1, 2, 3, 4, 5, 6, 7],
        ]),
        active: n % 9 !== 8,
        createdByUserId: userId(orgAdmin.get(o.key)!),
        createdAt: daysAgo(300 - n),
        updatedAt: daysAgo(300 - n),
      });
      orgCategories.set(o.key, new Set([...(orgCategories.get(o.key) ?? []), template.category]));
    }
    if (round > 10) break;
  }
  await insertAll(tx, schema.offers, offerRows);
  return { offerRows, orgCategories };
}
type Offers = Awaited<ReturnType<typeof seedOffers>>;

// ------------------------------------------------------------ agreements
async function seedAgreements(
  { tx, daysAgo }: Demo,
  { community, communitiesOfStreet, staffLogin, orgAdmin, orgCategories }: Places & People & Organisations & Offers,
) {
  const agreementRows: (typeof schema.agreements.$inferInsert)[] = [];
  const addAgreement = (
    orgKey: string,
    place: { communityKey?: string; streetKey?: string },
    status: "active" | "proposed" | "expired" | "ended",
  ) => {
    const n = agreementRows.length;
    const startsDaysAgo = status === "expired" ? 500 : status === "proposed" ? -7 : 200 + n;
    const starts = daysAgo(startsDaysAgo);
    const ends = status === "expired" ? daysAgo(135) : new Date(starts.getTime() + 365 * DAY);
    const proposer = place.communityKey
      ? staffLogin.get(place.communityKey)!
      : place.streetKey === "dongxin"
        ? "jiedao"
        : `jiedao-${place.streetKey}`;
    agreementRows.push({
      id: demoId(`agreement:${n}`),
      organisationId: demoId(`org:${orgKey}`),
      communityId: place.communityKey ? community(place.communityKey).id : null,
      streetId: place.streetKey ? demoId(`street:${place.streetKey}`) : null,
      startsOn: starts.toISOString().slice(0, 10),
      endsOn: ends.toISOString().slice(0, 10),
      categories: [...(orgCategories.get(orgKey) ?? [])],
      status,
      proposedByUserId: userId(proposer),
      acceptedByUserId: status === "proposed" ? null : userId(orgAdmin.get(orgKey)!),
      acceptedAt: status === "proposed" ? null : daysAgo(Math.max(startsDaysAgo, 1) + 3),
      endedAt: status === "ended" ? daysAgo(20) : null,
      createdAt: daysAgo(Math.max(startsDaysAgo, 0) + 10),
    });
  };
  addAgreement("bank-dongxin", { communityKey: "shaliubeilu" }, "active");
  addAgreement("hospital-dongxin", { streetKey: "dongxin" }, "active");
  addAgreement("company-haihe", { streetKey: "dongxin" }, "active");
  addAgreement("team-hongmajia", { streetKey: "dongxin" }, "active");
  const dongxinCommunities = communitiesOfStreet("dongxin");
  for (let i = 1; i <= 20; i++) {
    const key = `partner${String(i).padStart(2, "0")}`;
    const status = i === 5 || i === 12 ? "proposed" : i === 17 ? "expired" : i === 19 ? "ended" : "active";
    addAgreement(key, { communityKey: dongxinCommunities[i % 5]!.key }, status);
  }
  addAgreement("team-wudadao", { communityKey: "sanshengli" }, "active");
  addAgreement("school-wudadao", { streetKey: "wudadao" }, "active");
  addAgreement("property-jinmenhu", { communityKey: "jinaoguoji" }, "active");
  addAgreement("hospital-jinmenhu", { streetKey: "jinmenhu" }, "proposed");
  addAgreement("team-xingnan", { communityKey: "yuandeli" }, "active");
  addAgreement("school-xingnan", { streetKey: "xingnan" }, "active");
  addAgreement("team-lushandao", { communityKey: "lushanli" }, "active");
  addAgreement("bank-lushandao", { communityKey: "longfengli" }, "expired");
  await insertAll(tx, schema.agreements, agreementRows);
  return { agreementRows };
}

// ------------------------------------------------------------ needs, items, claims, history
/** Needs with their items and claims; their history (audit rows) is written last, in writeDemoData. */
async function seedNeeds(
  { tx, int, pick, shuffle, today, daysAgo, notAfterNow, after }: Demo,
  {
    communityRows,
    communitiesOfStreet,
    community,
    users,
    staffLogin,
    residentsByCommunity,
    orgAdmin,
    orgCategories,
  }: Places & People & Organisations & Offers,
) {
  const dongxinCommunities = communitiesOfStreet("dongxin");
  // Dispatched cases are seeded on their own (db/seed/demo-problems.ts).
  type Status = Exclude<(typeof schema.needStatuses)[number], "dispatched">;
  const repeat = (status: Status, n: number) => Array<Status>(n).fill(status);
  const microStatuses = shuffle([
    ...repeat("draft", 4),
    ...repeat("pending_review", 12),
    ...repeat("published", 26),
    ...repeat("claimed", 10),
    ...repeat("fulfilled", 6),
    ...repeat("completed", 20),
    ...repeat("rejected", 4),
    ...repeat("withdrawn", 2),
  ]);
  const needStatusList = shuffle([
    ...repeat("published", 16),
    ...repeat("claimed", 5),
    ...repeat("fulfilled", 2),
    ...repeat("completed", 7),
  ]);
  const plans: { template: NeedTemplate; status: Status; communityKey: string }[] = [];
  microStatuses.forEach((status, i) => {
    const communityKey =
      i % 3 === 0 ? "shaliubeilu" : i % 2 === 0 ? dongxinCommunities[i % 5]!.key : communityRows[i % communityRows.length]!.key;
    plans.push({ template: microWishTemplates[i % microWishTemplates.length]!, status, communityKey });
  });
  needStatusList.forEach((status, i) => {
    plans.push({
      template: communityNeedTemplates[i % communityNeedTemplates.length]!,
      status,
      communityKey: communityRows[(i * 5) % communityRows.length]!.key,
    });
  });
  ["shaliubeilu", "fengqili", "sanshengli", "yihongxili", "jinaoguoji", "yuandeli"].forEach((communityKey, i) => {
    plans.push({ template: projectTemplates[i % projectTemplates.length]!, status: i === 5 ? "completed" : "published", communityKey });
  });

  const needRows: (typeof schema.needs.$inferInsert)[] = [];
  const itemRows: (typeof schema.needItems.$inferInsert)[] = [];
  const claimRows: (typeof schema.claims.$inferInsert)[] = [];
  const auditRows: (typeof schema.auditEvents.$inferInsert)[] = [];
  const audit = (actor: string | null, action: string, subjectId: string, at: Date, data: Record<string, unknown> = {}) =>
    auditRows.push({ actorUserId: actor, action, subjectType: "need", subjectId, data, createdAt: at });
  const claimerFor = (streetKey: string, category: string | null) => {
    const local = demoOrganisations.filter((o) => o.street === streetKey);
    const fitting = local.filter((o) => category && orgCategories.get(o.key)?.has(category));
    return pick(fitting.length ? fitting : local.length ? local : demoOrganisations);
  };
  const rejectReasons = ["内容涉及个人借款，不属于微心愿服务范围", "信息不完整，请补充具体需要帮助的事项", "该事项已由社区直接协调解决"];

  plans.forEach(({ template, status, communityKey }, n) => {
    const c = community(communityKey);
    const id = demoId(`need:${n}`);
    const staff = staffLogin.get(communityKey)!;
    const isWish = template.kind === "micro_wish";
    const residents = residentsByCommunity.get(communityKey) ?? [];
    // Every sixth wish is posted by staff on a resident's behalf (代办).
    const onBehalf = isWish && n % 6 === 5;
    const resident = residents.length ? residents[n % residents.length]! : null;
    const poster = !isWish || onBehalf || !resident ? staff : resident;
    const beneficiaryUserId =
      onBehalf && communityKey === "shaliubeilu" ? userId("13800000001") : onBehalf && resident ? userId(resident) : null;
    const beneficiaryName = onBehalf && !beneficiaryUserId ? "赵奶奶" : null;
    const ageDays =
      template.kind === "project" && status === "published"
        ? int(20, 60)
        : {
            draft: int(0, 10),
            pending_review: int(0, 4),
            published: int(2, 60),
            claimed: int(6, 20),
            fulfilled: int(14, 40),
            completed: int(30, 330),
            rejected: int(10, 100),
            withdrawn: int(10, 100),
          }[status];
    const createdAt = notAfterNow(daysAgo(ageDays, int(8, 20)));
    const publishedAt = ["published", "claimed", "fulfilled", "completed"].includes(status)
      ? notAfterNow(new Date(createdAt.getTime() + int(2, 30) * HOUR))
      : null;
    const title =
      template.kind === "project" && communityKey !== "shaliubeilu"
        ? template.title.replace("沙柳北路", c.name.replace("社区", ""))
        : template.title;
    // A few residents typed their phone number into the text: public views must hide it.
    const description = isWish && n % 10 === 4 ? `${template.description}有事可以打我电话13912345678。` : template.description;
    const residentRow = resident ? users.find((u) => u.id === userId(resident)) : undefined;
    const claimedAt =
      status === "claimed"
        ? after(publishedAt!, daysAgo(int(1, 5), int(9, 17)))
        : publishedAt
          ? after(publishedAt, new Date(publishedAt.getTime() + int(1, 4) * DAY))
          : null;
    const fulfilledAt =
      claimedAt && ["fulfilled", "completed"].includes(status) ? after(claimedAt, new Date(claimedAt.getTime() + int(1, 6) * DAY)) : null;
    const completedAt =
      status === "completed" && fulfilledAt ? after(fulfilledAt, new Date(fulfilledAt.getTime() + int(1, 3) * DAY)) : null;
    needRows.push({
      id,
      kind: template.kind,
      title,
      description,
      category: isWish && n % 4 === 1 ? null : template.category,
      communityId: c.id,
      status,
      postedByUserId: userId(poster),
      beneficiaryUserId,
      beneficiaryName,
      contactPhone: isWish ? (residentRow?.phone ?? "13900009999") : null,
      address: isWish ? (residentRow?.address ?? `${c.name}${int(1, 20)}号楼`) : null,
      consentRecordedAt: onBehalf ? createdAt : null,
      rejectReason: status === "rejected" ? pick(rejectReasons) : null,
      thanks: status === "completed" && isWish ? (template.thanks ?? "谢谢大家的热心帮助！") : null,
      rating: status === "completed" && isWish ? int(4, 5) : null,
      createdAt,
      updatedAt: completedAt ?? fulfilledAt ?? claimedAt ?? publishedAt ?? createdAt,
      publishedAt,
      completedAt,
    });

    audit(userId(poster), "need.create", id, createdAt, onBehalf ? { onBehalf: true } : {});
    if (status === "draft") return;
    if (isWish) audit(userId(poster), "need.submit", id, notAfterNow(new Date(createdAt.getTime() + MINUTE)));
    if (status === "pending_review") return;
    if (status === "withdrawn")
      return void audit(userId(poster), "need.withdraw", id, notAfterNow(new Date(createdAt.getTime() + 2 * HOUR)));
    if (status === "rejected")
      return void audit(userId(staff), "need.reject", id, notAfterNow(new Date(createdAt.getTime() + 5 * HOUR)), {
        reason: needRows[needRows.length - 1]!.rejectReason,
      });
    if (isWish) audit(userId(staff), "need.approve", id, publishedAt!);

    const streetKey = c.streetKey;
    if (template.kind === "project") {
      template.items!.forEach((item, position) => {
        const itemId = demoId(`need:${n}:item:${position}`);
        const itemStatus = status === "completed" ? "completed" : (["claimed", "open", "fulfilled"] as const)[(position + n) % 3]!;
        itemRows.push({ id: itemId, needId: id, position, title: item.title, category: item.category, status: itemStatus, createdAt });
        if (itemStatus === "open") return;
        const org = claimerFor(streetKey, item.category);
        const at = notAfterNow(new Date(publishedAt!.getTime() + (position + 1) * DAY));
        claimRows.push({
          id: demoId(`claim:${n}:${position}`),
          needId: id,
          itemId,
          organisationId: demoId(`org:${org.key}`),
          claimedByUserId: userId(orgAdmin.get(org.key)!),
          status: itemStatus === "claimed" ? "active" : itemStatus,
          claimedAt: itemStatus === "claimed" ? after(at, daysAgo(int(1, 4))) : at,
          dueAt: new Date((itemStatus === "claimed" ? daysAgo(0) : at).getTime() + 14 * DAY),
          fulfilledAt: itemStatus === "claimed" ? null : after(at, new Date(at.getTime() + 3 * DAY)),
          fulfilmentNote: itemStatus === "claimed" ? null : "已按计划完成施工并验收。",
          completedAt: itemStatus === "completed" ? after(at, new Date(at.getTime() + 5 * DAY)) : null,
        });
        audit(userId(orgAdmin.get(org.key)!), "item.claim", id, at, { itemId });
      });
      if (status === "completed") audit(userId(staff), "need.complete", id, completedAt!);
      return;
    }

    // Some open wishes carry history: an earlier claim that expired or was released.
    if (status === "published" && n % 7 === 3 && today.getTime() - publishedAt!.getTime() > 17 * DAY) {
      const org = claimerFor(streetKey, template.category);
      const at = new Date(publishedAt!.getTime() + DAY);
      const expired = n % 2 === 1;
      claimRows.push({
        id: demoId(`claim:${n}:earlier`),
        needId: id,
        organisationId: demoId(`org:${org.key}`),
        claimedByUserId: userId(orgAdmin.get(org.key)!),
        status: expired ? "expired" : "released",
        claimedAt: at,
        dueAt: new Date(at.getTime() + 14 * DAY),
        endedAt: new Date(at.getTime() + (expired ? 14 : 2) * DAY),
      });
      audit(userId(orgAdmin.get(org.key)!), "need.claim", id, at, { organisation: org.name });
      audit(
        expired ? null : userId(orgAdmin.get(org.key)!),
        expired ? "claim.expire" : "need.release",
        id,
        new Date(at.getTime() + (expired ? 14 : 2) * DAY),
      );
    }
    if (!claimedAt || status === "published") return;
    const org = claimerFor(streetKey, template.category);
    const claimer = userId(orgAdmin.get(org.key)!);
    claimRows.push({
      id: demoId(`claim:${n}`),
      needId: id,
      organisationId: demoId(`org:${org.key}`),
      claimedByUserId: claimer,
      status: status === "claimed" ? "active" : status,
      claimedAt,
      dueAt: new Date(claimedAt.getTime() + 14 * DAY),
      fulfilledAt,
      fulfilmentNote: fulfilledAt ? "已上门完成，居民很满意。" : null,
      completedAt,
    });
    audit(claimer, "need.claim", id, claimedAt, { organisation: org.name });
    if (fulfilledAt) audit(claimer, "need.fulfil", id, fulfilledAt);
    if (completedAt)
      audit(isWish ? userId(poster) : userId(staff), "need.confirm", id, completedAt, { rating: needRows[needRows.length - 1]!.rating });
  });
  await insertAll(tx, schema.needs, needRows);
  await insertAll(tx, schema.needItems, itemRows);
  await insertAll(tx, schema.claims, claimRows);
  return { needRows, auditRows };
}

// ------------------------------------------------------------ activities, sign-ups, attendance, hours
async function seedActivities(
  { tx, rand, int, pick, shuffle, daysAgo, notAfterNow }: Demo,
  { communitiesOfStreet, staffLogin, orgAdmin, teams, volunteers }: Places & People & Organisations,
) {
  const dongxinCommunities = communitiesOfStreet("dongxin");
  const activityRows: (typeof schema.activities.$inferInsert & { organiser: string })[] = [];
  const organisers = [
    ...Array<{ team: DemoOrganisation | null }>(3).fill({ team: teams[0]! }),
    ...teams.slice(1).map((team) => ({ team })),
    { team: null },
  ];
  for (let i = 0; i < 60; i++) {
    const past = i < 45;
    const { team } = organisers[i % organisers.length]!;
    const template = activityTemplates[i % activityTemplates.length]!;
    const c = team ? communitiesOfStreet(team.street)[i % communitiesOfStreet(team.street).length]! : dongxinCommunities[i % 5]!;
    const organiser = team ? orgAdmin.get(team.key)! : staffLogin.get(c.key)!;
    // Past activities are eight days apart, so no volunteer's hours overlap.
    const day = past ? i * 8 + 3 : -((i - 45) * 3 + 2);
    const startsAt = daysAgo(day, i % 2 === 0 ? 9 : 14);
    const hours = [2, 3, 4][i % 3]!;
    activityRows.push({
      id: demoId(`activity:${i}`),
      organiser,
      organisationId: team ? demoId(`org:${team.key}`) : null,
      communityId: c.id,
      title: template.title,
      description: `${c.name}${template.title}，欢迎志愿者报名参加。`,
      category: template.category,
      location: `${c.name}${template.location}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * HOUR),
      capacity: past ? 50 : pick([10, 20, 30]),
      skills: template.skills,
      status: "scheduled",
      createdByUserId: userId(organiser),
      createdAt: notAfterNow(new Date(startsAt.getTime() - 10 * DAY)),
    });
  }
  await insertAll(
    tx,
    schema.activities,
    activityRows.map(({ organiser: _o, ...row }) => row),
  );

  const signupRows: (typeof schema.activitySignups.$inferInsert)[] = [];
  const attendanceRows: (typeof schema.attendances.$inferInsert)[] = [];
  const entryRows: (typeof schema.hourEntries.$inferInsert)[] = [];
  const reviewRows: (typeof schema.hourEntryReviews.$inferInsert)[] = [];
  const approvedEntries: (typeof schema.hourEntries.$inferInsert)[] = [];
  activityRows.forEach((activity, i) => {
    const others = shuffle(volunteers.filter((v) => v !== "zhiyuanzhe"));
    const attendees = i < 45 ? (i % 3 !== 0 ? ["zhiyuanzhe", ...others.slice(0, 44)] : others.slice(0, 45)) : others.slice(0, int(3, 9));
    if (i >= 45 && i % 4 === 1) attendees.push("zhiyuanzhe");
    for (const login of attendees) {
      signupRows.push({
        id: demoId(`signup:${i}:${login}`),
        activityId: activity.id!,
        volunteerId: userId(login),
        createdAt: notAfterNow(new Date(activity.startsAt.getTime() - int(2, 9) * DAY)),
      });
      if (i >= 45) continue;
      const checkIn = new Date(activity.startsAt.getTime() + int(0, 15) * MINUTE);
      const checkOut = new Date(activity.endsAt.getTime() - int(0, 15) * MINUTE);
      const attendanceId = demoId(`attendance:${i}:${login}`);
      attendanceRows.push({
        id: attendanceId,
        activityId: activity.id!,
        volunteerId: userId(login),
        checkInAt: checkIn,
        checkOutAt: checkOut,
        source: rand() < 0.5 ? "qr" : "organiser",
        recordedByUserId: userId(activity.organiser),
        createdAt: checkIn,
      });
      const entry = {
        id: demoId(`entry:${i}:${login}`),
        volunteerId: userId(login),
        activityId: activity.id!,
        communityId: activity.communityId,
        organisationId: activity.organisationId,
        kind: "attendance" as const,
        startsAt: checkIn,
        endsAt: checkOut,
        minutes: entryMinutes(checkIn, checkOut),
        attendanceId,
        recordedByUserId: userId(activity.organiser),
        createdAt: checkOut,
      };
      entryRows.push(entry);
      // The two most recent activities are still awaiting the organiser's approval.
      if (i < 2) continue;
      const rejected = rand() < 0.02;
      reviewRows.push({
        hourEntryId: entry.id,
        decision: rejected ? "rejected" : "approved",
        reason: rejected ? "签到记录与现场名单不符" : null,
        reviewedByUserId: userId(activity.organiser),
        reviewedAt: new Date(checkOut.getTime() + DAY),
      });
      if (!rejected) approvedEntries.push(entry);
    }
  });
  await insertAll(tx, schema.activitySignups, signupRows);
  await insertAll(tx, schema.attendances, attendanceRows);
  await insertAll(tx, schema.hourEntries, entryRows);
  await insertAll(tx, schema.hourEntryReviews, reviewRows);
  return { activityRows, entryRows, approvedEntries };
}

/** Five corrections, done the ledger's way: reverse the wrong entry, then record the right time. */
async function seedCorrections({ tx, notAfterNow }: Demo, { approvedEntries }: Awaited<ReturnType<typeof seedActivities>>) {
  const reversals: (typeof schema.hourEntries.$inferInsert)[] = [];
  const corrections: (typeof schema.hourEntries.$inferInsert)[] = [];
  for (const original of approvedEntries.filter((_, k) => k % 397 === 11).slice(0, 5)) {
    const at = notAfterNow(new Date(original.endsAt.getTime() + 3 * DAY));
    reversals.push({
      ...original,
      id: demoId(`reversal:${original.id}`),
      kind: "reversal",
      minutes: -original.minutes,
      reversesId: original.id,
      attendanceId: null,
      note: "签退时间登记有误，冲正",
      createdAt: at,
    });
    const endsAt = new Date(original.endsAt.getTime() - 30 * MINUTE);
    corrections.push({
      ...original,
      id: demoId(`correction:${original.id}`),
      kind: "correction",
      endsAt,
      minutes: entryMinutes(original.startsAt, endsAt),
      note: "按现场签退表更正",
      createdAt: at,
    });
  }
  await insertAll(tx, schema.hourEntries, reversals);
  await insertAll(tx, schema.hourEntries, corrections);
  await insertAll(
    tx,
    schema.hourEntryReviews,
    corrections.map((e) => ({
      hourEntryId: e.id!,
      decision: "approved" as const,
      reviewedByUserId: e.recordedByUserId,
      reviewedAt: e.createdAt!,
    })),
  );
  return { reversals, corrections };
}

/** Everything seeded reaches the search indexes the way every change does: through the outbox. */
async function queueForSearch(tx: Tx) {
  await tx.execute(sql`
    insert into search_outbox (entity, entity_id)
    select 'offer'::outbox_entity, id from offers union all select 'need', id from needs union all select 'activity', id from activities`);
}
