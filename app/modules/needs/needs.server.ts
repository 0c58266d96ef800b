import { and, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { claims, communities, needItems, needs, streets, users } from "#db/schema";
import { governsCommunity, memberOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { db } from "~/lib/db.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { AppError, notFound } from "~/lib/errors";
import { isPublicStatus, publicNeedStatuses } from "./lifecycle";
import { maskName, redactContactDetails, searchableKeyword } from "./privacy";
import type { NeedListQuery } from "./needs.schema";

/** What anyone may see of a need: no full names, contacts or addresses. */
export interface PublicNeed {
  id: string;
  kind: string;
  title: string;
  description: string;
  category: string | null;
  status: string;
  communityId: string;
  communityName: string;
  streetId: string;
  streetName: string;
  requesterName: string;
  createdAt: string;
  publishedAt: string | null;
  completedAt: string | null;
  thanks: string | null;
  rating: number | null;
  items: { id: string; title: string; category: string | null; status: string }[];
}

const beneficiary = alias(users, "beneficiary");
const poster = alias(users, "poster");

function publicNeedQuery() {
  return db()
    .select({
      id: needs.id,
      kind: needs.kind,
      title: needs.title,
      description: needs.description,
      category: needs.category,
      status: needs.status,
      communityId: needs.communityId,
      communityName: communities.name,
      streetId: streets.id,
      streetName: streets.name,
      beneficiaryName: needs.beneficiaryName,
      beneficiaryFullName: beneficiary.fullName,
      beneficiaryDisplayName: beneficiary.displayName,
      posterFullName: poster.fullName,
      posterDisplayName: poster.displayName,
      createdAt: needs.createdAt,
      publishedAt: needs.publishedAt,
      completedAt: needs.completedAt,
      thanks: needs.thanks,
      rating: needs.rating,
    })
    .from(needs)
    .innerJoin(communities, eq(communities.id, needs.communityId))
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .leftJoin(beneficiary, eq(beneficiary.id, needs.beneficiaryUserId))
    .innerJoin(poster, eq(poster.id, needs.postedByUserId));
}

type PublicNeedRow = Awaited<ReturnType<ReturnType<typeof publicNeedQuery>["execute"]>>[number];

function toPublicNeed(row: PublicNeedRow, items: PublicNeed["items"]): PublicNeed {
  // A micro-wish is shown as the resident's (masked); a community need or project as the community's.
  const requesterName =
    row.kind === "micro_wish"
      ? maskName(
          row.beneficiaryName ?? row.beneficiaryFullName ?? row.beneficiaryDisplayName ?? row.posterFullName ?? row.posterDisplayName,
        )
      : row.communityName;
  return {
    id: row.id,
    kind: row.kind,
    title: redactContactDetails(row.title),
    description: redactContactDetails(row.description),
    category: row.category,
    status: row.status,
    communityId: row.communityId,
    communityName: row.communityName,
    streetId: row.streetId,
    streetName: row.streetName,
    requesterName,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    thanks: row.thanks ? redactContactDetails(row.thanks) : null,
    rating: row.rating,
    items,
  };
}

async function itemsByNeed(needIds: string[]) {
  const byNeed = new Map<string, PublicNeed["items"]>();
  if (needIds.length === 0) return byNeed;
  const rows = await db()
    .select({ id: needItems.id, needId: needItems.needId, title: needItems.title, category: needItems.category, status: needItems.status })
    .from(needItems)
    .where(inArray(needItems.needId, needIds))
    .orderBy(needItems.needId, needItems.position);
  for (const { needId, ...item } of rows) {
    const list = byNeed.get(needId) ?? [];
    list.push({ ...item, title: redactContactDetails(item.title) });
    byNeed.set(needId, list);
  }
  return byNeed;
}

/** A keyword search reads at most this many candidate rows per request (the next page goes on from there). */
const KEYWORD_SCAN_LIMIT = 1000;
const KEYWORD_BATCH = 200;

const afterCursor = (cursor: { at: string | Date; id: string }) =>
  sql`(${needs.createdAt}, ${needs.id}) < (${cursor.at instanceof Date ? cursor.at.toISOString() : cursor.at}::timestamptz, ${cursor.id}::uuid)`;

/** The public list: only statuses anyone may see. Staff views of other statuses come with accounts. */
export async function listPublicNeeds(query: NeedListQuery): Promise<{ items: PublicNeed[]; nextCursor: string | null }> {
  if (query.status && !isPublicStatus(query.status)) {
    throw new AppError("forbidden", `needs in status ${query.status} are visible to the community's staff only`);
  }
  const conditions: SQL[] = [query.status ? eq(needs.status, query.status) : inArray(needs.status, [...publicNeedStatuses])];
  if (query.community) conditions.push(eq(needs.communityId, query.community));
  if (query.street) conditions.push(eq(communities.streetId, query.street));
  if (query.kind) conditions.push(eq(needs.kind, query.kind));
  if (query.category) conditions.push(eq(needs.category, query.category as never));
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor)
    throw new AppError("validation_failed", "the cursor is not valid", { cursor: "not a cursor from this list" });
  // A keyword searches only what a public page shows: a phone number (or a piece of one) in it finds nothing.
  const keyword = query.q ? searchableKeyword(query.q) : "";
  if (query.q && !keyword) return { items: [], nextCursor: null };
  if (keyword) {
    const pattern = `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(needs.title, pattern), ilike(needs.description, pattern)) as SQL);
  }
  let rows: PublicNeedRow[];
  let scanEnd: PublicNeedRow | null = null;
  if (!keyword) {
    rows = await publicNeedQuery()
      .where(and(...conditions, ...(cursor ? [afterCursor(cursor)] : [])))
      .orderBy(desc(needs.createdAt), desc(needs.id))
      .limit(query.limit + 1);
  } else {
    // The database narrows by the stored text; the keyword must also be in the redacted text, which is
    // what anyone may read. Pages go on by the last row read, so a long scan never repeats or skips rows.
    const needle = keyword.toLowerCase();
    rows = [];
    let after: { at: string | Date; id: string } | null = cursor;
    for (let scanned = 0; rows.length <= query.limit;) {
      if (scanned >= KEYWORD_SCAN_LIMIT) break;
      const batch = await publicNeedQuery()
        .where(and(...conditions, ...(after ? [afterCursor(after)] : [])))
        .orderBy(desc(needs.createdAt), desc(needs.id))
        .limit(KEYWORD_BATCH);
      scanned += batch.length;
      for (const row of batch) {
        if (`${redactContactDetails(row.title)}\n${redactContactDetails(row.description)}`.toLowerCase().includes(needle)) rows.push(row);
        scanEnd = row;
        if (rows.length > query.limit) break;
      }
      if (batch.length < KEYWORD_BATCH) {
        if (rows.length <= query.limit) scanEnd = null;
        break;
      }
      after = { at: scanEnd!.createdAt, id: scanEnd!.id };
    }
  }
  const page = rows.slice(0, query.limit);
  const items = await itemsByNeed(page.filter((r) => r.kind === "project").map((r) => r.id));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(last.createdAt, last.id)
      : scanEnd
        ? encodeCursor(scanEnd.createdAt, scanEnd.id)
        : null;
  return { items: page.map((row) => toPublicNeed(row, items.get(row.id) ?? [])), nextCursor };
}

/** Public views of needs by id, only those in a public status, in no particular order. */
export async function getPublicNeedsByIds(ids: string[]): Promise<PublicNeed[]> {
  if (!ids.length) return [];
  const rows = await publicNeedQuery().where(and(inArray(needs.id, ids), inArray(needs.status, [...publicNeedStatuses])));
  const items = await itemsByNeed(rows.map((r) => r.id));
  return rows.map((row) => toPublicNeed(row, items.get(row.id) ?? []));
}

export async function getPublicNeed(id: string): Promise<PublicNeed> {
  return getNeedFor(null, id);
}

/** Contact details, shown only to the community's staff, the poster and the organisation holding the claim. */
export interface NeedPrivateFields {
  residentName: string | null;
  contactPhone: string | null;
  address: string | null;
  rejectReason: string | null;
}

export async function getNeedFor(viewer: Viewer | null, id: string): Promise<PublicNeed & { private?: NeedPrivateFields }> {
  const [row] = await publicNeedQuery().where(eq(needs.id, id));
  if (!row) throw notFound("need");
  const [secret] = await db()
    .select({
      postedByUserId: needs.postedByUserId,
      beneficiaryUserId: needs.beneficiaryUserId,
      contactPhone: needs.contactPhone,
      address: needs.address,
      rejectReason: needs.rejectReason,
    })
    .from(needs)
    .where(eq(needs.id, id));
  const isPoster = !!viewer && (secret!.postedByUserId === viewer.id || secret!.beneficiaryUserId === viewer.id);
  const isStaff = !!viewer && governsCommunity(viewer, { communityId: row.communityId, streetId: row.streetId });
  let isClaimer = false;
  if (viewer && !isStaff && !isPoster) {
    const holders = await db()
      .select({ organisationId: claims.organisationId })
      .from(claims)
      .where(and(eq(claims.needId, id), inArray(claims.status, ["active", "fulfilled"])));
    isClaimer = holders.some((h) => memberOf(viewer, h.organisationId));
  }
  if (!isPublicStatus(row.status) && !isPoster && !isStaff) throw notFound("need");
  const items = await itemsByNeed(row.kind === "project" ? [row.id] : []);
  const view = toPublicNeed(row, items.get(row.id) ?? []);
  if (!isPoster && !isStaff && !isClaimer) return view;
  return {
    ...view,
    private: {
      residentName:
        row.beneficiaryName ?? row.beneficiaryFullName ?? row.beneficiaryDisplayName ?? row.posterFullName ?? row.posterDisplayName,
      contactPhone: secret!.contactPhone,
      address: secret!.address,
      rejectReason: secret!.rejectReason,
    },
  };
}
