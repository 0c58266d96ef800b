import { and, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { claims, communities, needItems, needs, organisations, streets, users } from "#db/schema";
import { governsCommunity, type Viewer } from "~/modules/accounts/accounts.policy";
import { db } from "~/lib/db.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { isPublicStatus, publicNeedStatuses } from "./lifecycle";
import { maskName, redactContactDetails, searchableKeyword } from "./privacy";
import { hasRevealed, heldClaimsOf, recordContactReveal } from "./contact.server";
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

/** The words of a keyword search, as the public text could contain them (a phone number or e-mail is no keyword). */
export function publicKeywords(q: string): string[] {
  return searchableKeyword(q).split(" ").filter(Boolean).slice(0, 5);
}

/** Rows read per round, and at most per page, while looking for keywords in the public text. */
const KEYWORD_BATCH = 100;
const KEYWORD_SCAN = 2000;

/**
 * The public list: only statuses anyone may see. Staff views of other statuses come with accounts.
 * `q`: every keyword appears in the title or description as a public page shows them.
 */
export async function listPublicNeeds(query: NeedListQuery): Promise<{ items: PublicNeed[]; nextCursor: string | null }> {
  if (query.status && !isPublicStatus(query.status)) {
    throw new AppError("forbidden", `needs in status ${query.status} are visible to the community's staff only`);
  }
  const conditions: SQL[] = [query.status ? eq(needs.status, query.status) : inArray(needs.status, [...publicNeedStatuses])];
  if (query.community) conditions.push(eq(needs.communityId, query.community));
  if (query.street) conditions.push(eq(communities.streetId, query.street));
  if (query.kind) conditions.push(eq(needs.kind, query.kind));
  if (query.category) conditions.push(eq(needs.category, query.category as never));
  const keywords = query.q ? publicKeywords(query.q) : [];
  // Only a phone number or e-mail typed in: nothing public can contain it.
  if (query.q && !keywords.length) return { items: [], nextCursor: null };
  // The stored text still holds what residents typed: ILIKE narrows it down, and each row is then
  // checked against its public (redacted) text, so a private number or part of one finds nothing.
  for (const keyword of keywords) {
    const pattern = `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(needs.title, pattern), ilike(needs.description, pattern)) as SQL);
  }
  const showsKeywords = (row: PublicNeedRow) => {
    const text = `${redactContactDetails(row.title)}\n${redactContactDetails(row.description)}`.toLowerCase();
    return keywords.every((k) => text.includes(k.toLowerCase()));
  };
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  const after = (at: string, id: string) => sql`(${needs.createdAt}, ${needs.id}) < (${at}::timestamptz, ${id}::uuid)`;
  const kept: PublicNeedRow[] = [];
  let last = cursor ? { at: cursor.at, id: cursor.id } : null;
  let more: boolean;
  let scanned = 0;
  do {
    const batch = keywords.length ? KEYWORD_BATCH : query.limit + 1;
    const rows = await publicNeedQuery()
      .where(and(...conditions, ...(last ? [after(last.at, last.id)] : [])))
      .orderBy(desc(needs.createdAt), desc(needs.id))
      .limit(batch);
    scanned += rows.length;
    more = rows.length === batch;
    for (const row of rows) {
      last = { at: row.createdAt.toISOString(), id: row.id };
      if (keywords.length && !showsKeywords(row)) continue;
      kept.push(row);
      if (kept.length > query.limit) break;
    }
  } while (keywords.length && more && kept.length <= query.limit && scanned < KEYWORD_SCAN);
  const page = kept.slice(0, query.limit);
  const items = await itemsByNeed(page.filter((r) => r.kind === "project").map((r) => r.id));
  // Another page: a row beyond this one was found, or the scan stopped before the end.
  const tail = kept.length > query.limit ? page[page.length - 1] : null;
  const nextCursor = tail ? encodeCursor(tail.createdAt, tail.id) : more && last ? encodeCursor(new Date(last.at), last.id) : null;
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
  /** Where a reported problem is (7号楼2门): with the contact, as it may tell where the reporter lives. */
  location: string | null;
  rejectReason: string | null;
  /** The resident's rating of the help: for the resident and the community's staff only, never the organisation. */
  rating?: number | null;
}

/** The organisation whose claim holds the wish, and its report of the help given (public, contact details removed). */
export interface NeedHelper {
  organisationId: string;
  organisationName: string;
  claimedAt: string;
  fulfilledAt: string | null;
  fulfilmentNote: string | null;
}

async function helperOf(needId: string): Promise<NeedHelper | null> {
  const [row] = await db()
    .select({
      organisationId: claims.organisationId,
      organisationName: organisations.name,
      claimedAt: claims.claimedAt,
      fulfilledAt: claims.fulfilledAt,
      fulfilmentNote: claims.fulfilmentNote,
    })
    .from(claims)
    .innerJoin(organisations, eq(organisations.id, claims.organisationId))
    .where(and(eq(claims.needId, needId), isNull(claims.itemId), inArray(claims.status, ["active", "fulfilled", "completed"])));
  if (!row) return null;
  return {
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    claimedAt: row.claimedAt.toISOString(),
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
    fulfilmentNote: row.fulfilmentNote ? redactContactDetails(row.fulfilmentNote) : null,
  };
}

export async function getNeedFor(
  viewer: Viewer | null,
  id: string,
): Promise<PublicNeed & { helper: NeedHelper | null; private?: NeedPrivateFields; contactRevealable?: boolean }> {
  const [row] = await publicNeedQuery().where(eq(needs.id, id));
  if (!row) throw notFound("need");
  const [secret] = await db()
    .select({
      postedByUserId: needs.postedByUserId,
      beneficiaryUserId: needs.beneficiaryUserId,
      contactPhone: needs.contactPhone,
      address: needs.address,
      location: needs.location,
      rejectReason: needs.rejectReason,
      rating: needs.rating,
    })
    .from(needs)
    .where(eq(needs.id, id));
  const isPoster = !!viewer && (secret!.postedByUserId === viewer.id || secret!.beneficiaryUserId === viewer.id);
  const isStaff = !!viewer && governsCommunity(viewer, { communityId: row.communityId, streetId: row.streetId });
  // The organisation holding the wish sees the contact only once its member has revealed it (audited).
  let isClaimer = false;
  let revealed = false;
  if (viewer && !isStaff && !isPoster) {
    const held = await heldClaimsOf(viewer, id);
    isClaimer = held.length > 0;
    revealed =
      isClaimer &&
      (await hasRevealed(
        viewer.id,
        id,
        held.map((h) => h.id),
      ));
  }
  if (!isPublicStatus(row.status) && !isPoster && !isStaff) throw notFound("need");
  const items = await itemsByNeed(row.kind === "project" ? [row.id] : []);
  const view = { ...toPublicNeed(row, items.get(row.id) ?? []), helper: await helperOf(row.id) };
  if (isClaimer && !revealed) return { ...view, contactRevealable: true };
  if (!isPoster && !isStaff && !revealed) return view;
  return {
    ...view,
    private: {
      residentName:
        row.beneficiaryName ?? row.beneficiaryFullName ?? row.beneficiaryDisplayName ?? row.posterFullName ?? row.posterDisplayName,
      contactPhone: secret!.contactPhone,
      address: secret!.address,
      location: secret!.location,
      rejectReason: secret!.rejectReason,
      ...(isPoster || isStaff ? { rating: secret!.rating } : {}),
    },
  };
}

/**
 * The contact, on an explicit request: the poster and the community's staff see it as always; a member of the
 * organisation holding the wish reveals it (audited, once per claim and member); anyone else is refused.
 */
export async function revealContact(viewer: Viewer, id: string): Promise<NeedPrivateFields> {
  const view = await getNeedFor(viewer, id);
  if (view.private) return view.private;
  if (!view.contactRevealable) throw forbidden("only the organisation holding this wish may see its contact");
  await recordContactReveal(viewer, id);
  const revealed = await getNeedFor(viewer, id);
  if (!revealed.private) throw forbidden("only the organisation holding this wish may see its contact");
  return revealed.private;
}
