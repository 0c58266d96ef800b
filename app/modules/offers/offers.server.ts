// Offers (资源清单): what an organisation or team can give, where, how often. Only its members change them.
import { TIANJIN_ZONE } from "~/lib/tianjin-time.server";
import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { communities, offers, organisations, searchOutbox, streets } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Viewer } from "~/modules/accounts/accounts.policy";
import type { OfferInput, OfferListQuery, OfferPatch } from "./offers.schema";
import { now } from "~/lib/clock.server";

const areaStreet = alias(streets, "area_street");

/**
 * Claims this month (Tianjin time) that draw on the offer (claims.offer_id, chosen when claiming): what the
 * offer's monthly capacity is spent on. A released claim gives its place back.
 */
const usedThisMonth = sql<number>`(
  select count(*)::int from claims c
  where c.offer_id = ${offers.id}
    and c.status <> 'released'
    and c.claimed_at >= (date_trunc('month', linli_now() at time zone ${TIANJIN_ZONE}) at time zone ${TIANJIN_ZONE})
)`;

function offerQuery(conn: DbOrTx = db()) {
  return conn
    .select({
      id: offers.id,
      organisationId: offers.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      title: offers.title,
      description: offers.description,
      category: offers.category,
      tags: offers.tags,
      communityId: offers.communityId,
      communityName: communities.name,
      streetId: sql<string>`coalesce(${offers.streetId}, ${communities.streetId})`,
      streetName: areaStreet.name,
      wholeStreet: sql<boolean>`${offers.streetId} is not null`,
      lat: offers.lat,
      lng: offers.lng,
      capacityPerMonth: offers.capacityPerMonth,
      weekdays: offers.weekdays,
      active: offers.active,
      usedThisMonth,
      createdAt: offers.createdAt,
      updatedAt: offers.updatedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(communities, eq(communities.id, offers.communityId))
    .innerJoin(areaStreet, eq(areaStreet.id, sql`coalesce(${offers.streetId}, ${communities.streetId})`));
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof offerQuery>["execute"]>>[number];

export function toOfferView({ createdAt, updatedAt, ...row }: OfferRow) {
  return {
    ...row,
    capacityLeft: Math.max(0, row.capacityPerMonth - row.usedThisMonth),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
export type OfferView = ReturnType<typeof toOfferView>;

async function streetOfCommunity(communityId: string): Promise<string> {
  const [row] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, communityId));
  if (!row) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
  return row.streetId;
}

/** `community` lists the offers serving it: its own and its whole street's. */
export async function listOffers(query: OfferListQuery): Promise<{ items: OfferView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [];
  if (query.community) {
    const streetId = await streetOfCommunity(query.community);
    conditions.push(or(eq(offers.communityId, query.community), eq(offers.streetId, streetId))!);
  }
  if (query.street) conditions.push(sql`coalesce(${offers.streetId}, ${communities.streetId}) = ${query.street}`);
  if (query.organisation) conditions.push(eq(offers.organisationId, query.organisation));
  if (query.category) conditions.push(eq(offers.category, query.category));
  if (query.active !== undefined) conditions.push(eq(offers.active, query.active));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(offers.title, pattern), ilike(offers.description, pattern), sql`array_to_string(${offers.tags}, ' ') ilike ${pattern}`)!,
    );
  }
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  if (cursor) conditions.push(sql`(${offers.createdAt}, ${offers.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await offerQuery()
    .where(and(...conditions))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toOfferView), nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Offers by id, in no particular order (the matcher orders them). */
export async function getOffersByIds(ids: string[]): Promise<OfferView[]> {
  if (!ids.length) return [];
  // One array parameter, not one per id: the same statement whatever the count, prepared once per connection.
  const rows = await offerQuery().where(sql`${offers.id} = any(${sql.param(ids)}::uuid[])`);
  return rows.map(toOfferView);
}

/**
 * The active offers of these organisations that serve a place (its community's, or its whole street's), oldest
 * first: what a claim there may draw on.
 */
export async function activeOffersServing(conn: DbOrTx, organisationIds: string[], place: { communityId: string; streetId: string }): Promise<OfferView[]> {
  if (!organisationIds.length) return [];
  const rows = await offerQuery(conn)
    .where(
      and(
        sql`${offers.organisationId} = any(${sql.param(organisationIds)}::uuid[])`,
        eq(offers.active, true),
        or(eq(offers.communityId, place.communityId), eq(offers.streetId, place.streetId)),
      ),
    )
    .orderBy(offers.createdAt, offers.id);
  return rows.map(toOfferView);
}

export async function getOffer(id: string): Promise<OfferView> {
  const [row] = await offerQuery().where(eq(offers.id, id));
  if (!row) throw notFound("offer");
  return toOfferView(row);
}

async function checkArea(area: { communityId?: string; streetId?: string }) {
  if (area.communityId) await streetOfCommunity(area.communityId);
  if (area.streetId) {
    const [row] = await db().select({ id: streets.id }).from(streets).where(eq(streets.id, area.streetId));
    if (!row) throw new AppError("validation_failed", "unknown street", { streetId: "street_required" });
  }
}

export async function createOffer(viewer: Viewer, input: OfferInput): Promise<OfferView> {
  if (!can(viewer, "organisation.act", { organisationId: input.organisationId }))
    throw forbidden("only members of this organisation publish its offers");
  await checkArea(input);
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(offers)
      .values({
        organisationId: input.organisationId,
        title: input.title,
        description: input.description ?? "",
        category: input.category,
        tags: input.tags,
        communityId: input.communityId ?? null,
        streetId: input.streetId ?? null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        capacityPerMonth: input.capacityPerMonth,
        weekdays: input.weekdays,
        createdByUserId: viewer.id,
      })
      .returning({ id: offers.id });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "offer.create",
      subjectType: "offer",
      subjectId: row!.id,
      data: { title: input.title },
    });
    await tx.insert(searchOutbox).values({ entity: "offer", entityId: row!.id });
    return row!.id;
  });
  return getOffer(id);
}

export async function updateOffer(viewer: Viewer, id: string, patch: OfferPatch): Promise<OfferView> {
  const [current] = await db().select({ organisationId: offers.organisationId }).from(offers).where(eq(offers.id, id));
  if (!current) throw notFound("offer");
  if (!can(viewer, "organisation.act", { organisationId: current.organisationId }))
    throw forbidden("only members of this organisation edit its offers");
  await checkArea(patch);
  const changes: Partial<typeof offers.$inferInsert> = { updatedAt: now() };
  for (const key of ["title", "description", "category", "tags", "lat", "lng", "capacityPerMonth", "weekdays", "active"] as const) {
    if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
  }
  // A new area replaces the old one whole.
  if (patch.communityId) Object.assign(changes, { communityId: patch.communityId, streetId: null });
  if (patch.streetId) Object.assign(changes, { streetId: patch.streetId, communityId: null });
  await db().transaction(async (tx) => {
    await tx.update(offers).set(changes).where(eq(offers.id, id));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "offer.update",
      subjectType: "offer",
      subjectId: id,
      data: { fields: Object.keys(patch) },
    });
    await tx.insert(searchOutbox).values({ entity: "offer", entityId: id });
  });
  return getOffer(id);
}
