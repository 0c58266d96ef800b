// What each index holds, read from PostgreSQL (the source of truth). Needs carry only what a
// public page shows; needs that are not public are not in the index at all.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import type { IndexBase } from "~/lib/search.server";
import { categories } from "~/modules/categories/categories";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";
import { redactContactDetails } from "~/modules/needs/privacy";
import { conceptKeysOf, offerConceptKeys } from "~/modules/matching/query-builder.server";
import { concepts } from "~/modules/matching/vocabulary";
import { MIN_SCORE } from "~/modules/matching/ranking";
import { normaliseText, readOffer, TEXT_READING } from "~/modules/matching/text";

export interface SearchDocument {
  id: string;
  [field: string]: unknown;
}

const categoryLabel = (key: string | null) => categories.find((c) => c.key === key)?.zh ?? "";
const geo = (lat: number | null, lng: number | null) => (lat === null || lng === null ? null : { lat, lng });

/** Reads documents by id (the outbox's way) or in pages after a cursor (the reindex's way). */
export interface DocumentSelection {
  ids?: string[];
  after?: string;
  limit?: number;
}

function selection(alias: string, { ids, after, limit }: DocumentSelection) {
  const where = ids
    ? sql`${sql.raw(alias)}.id = any(${sql.param(ids)}::uuid[])`
    : after
      ? sql`${sql.raw(alias)}.id > ${after}::uuid`
      : sql`true`;
  return { where, tail: ids ? sql`` : sql`order by ${sql.raw(alias)}.id limit ${limit ?? 5000}` };
}

async function offerDocuments(select: DocumentSelection): Promise<SearchDocument[]> {
  const { where, tail } = selection("o", select);
  const rows = await db().execute<{
    id: string;
    title: string;
    description: string;
    category: string;
    tags: string[];
    organisation_id: string;
    organisation_name: string;
    organisation_type: string;
    community_id: string | null;
    street_id: string;
    lat: number | null;
    lng: number | null;
    capacity_per_month: number;
    active: boolean;
    updated_at: Date;
  }>(sql`
    select o.id, o.title, o.description, o.category, o.tags, o.organisation_id, g.name as organisation_name,
           g.type as organisation_type, o.community_id, coalesce(o.street_id, c.street_id) as street_id,
           coalesce(o.lat, c.lat, s.lat) as lat, coalesce(o.lng, c.lng, s.lng) as lng,
           o.capacity_per_month, o.active, o.updated_at
    from offers o
    join organisations g on g.id = o.organisation_id
    left join communities c on c.id = o.community_id
    join streets s on s.id = coalesce(o.street_id, c.street_id)
    where ${where} ${tail}`);
  return rows.map((r) => {
    const title = normaliseText(r.title);
    const description = readOffer(r.description).positive;
    const tags = r.tags.map(normaliseText);
    return {
      id: r.id,
      // Searched as the matcher reads it: one spelling, and without the clauses saying what it does
      // not do ("不接个案咨询" is no evidence for a wish asking for advice). Pages show the row itself.
      title,
      description,
      tags,
      // What its title names, for wishes that name it in other words (see offerConceptKeys).
      concepts: offerConceptKeys(r.title, r.tags, r.description, r.category),
      vocabulary: DOCUMENT_VOCABULARY,
      category: r.category,
      categoryLabel: categoryLabel(r.category),
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      organisationType: r.organisation_type,
      communityId: r.community_id,
      streetId: r.street_id,
      _geo: geo(r.lat, r.lng),
      capacityPerMonth: r.capacity_per_month,
      active: r.active,
      updatedAt: new Date(r.updated_at).getTime(),
    };
  });
}

/**
 * Which vocabulary and reading a document's concepts (and an offer's read text) were made with, and
 * the matcher's threshold. Documents of another are sent again when the relay starts (see
 * resendOutdatedDocuments), so a vocabulary change reaches the wall and the matcher; sending them
 * queues their suggestions too, so stored lists made with another threshold are made again (the
 * match APIs, computing on demand, would otherwise disagree with them).
 */
export function readingStamp(parts: { concepts: unknown; reading: unknown; threshold: number }): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 12);
}

export const DOCUMENT_VOCABULARY = readingStamp({ concepts, reading: TEXT_READING, threshold: MIN_SCORE });

async function needDocuments(select: DocumentSelection): Promise<SearchDocument[]> {
  const { where, tail } = selection("n", select);
  const rows = await db().execute<{
    id: string;
    kind: string;
    title: string;
    description: string;
    category: string | null;
    status: string;
    community_id: string;
    community_name: string;
    street_id: string;
    lat: number;
    lng: number;
    items: string[] | null;
    published_at: Date | null;
  }>(sql`
    select n.id, n.kind, n.title, n.description, n.category, n.status, n.community_id, c.name as community_name,
           c.street_id, c.lat, c.lng, n.published_at,
           (select array_agg(i.title order by i.position) from need_items i where i.need_id = n.id) as items
    from needs n join communities c on c.id = n.community_id
    where ${where} and n.status = any(${sql.param([...publicNeedStatuses])}::need_status[]) ${tail}`);
  return rows.map((r) => {
    const title = redactContactDetails(r.title);
    const description = redactContactDetails(r.description);
    const items = (r.items ?? []).map(redactContactDetails);
    return {
      id: r.id,
      kind: r.kind,
      title,
      description,
      items,
      // Read from the public text only, like everything else in this index.
      concepts: conceptKeysOf([title, description, ...items].join("。")),
      vocabulary: DOCUMENT_VOCABULARY,
      category: r.category,
      categoryLabel: categoryLabel(r.category),
      status: r.status,
      communityId: r.community_id,
      communityName: r.community_name,
      streetId: r.street_id,
      _geo: geo(r.lat, r.lng),
      publishedAt: r.published_at ? new Date(r.published_at).getTime() : null,
    };
  });
}

async function activityDocuments(select: DocumentSelection): Promise<SearchDocument[]> {
  const { where, tail } = selection("a", select);
  const rows = await db().execute<{
    id: string;
    title: string;
    description: string;
    category: string;
    location: string;
    skills: string[];
    status: string;
    organisation_id: string | null;
    community_id: string;
    street_id: string;
    lat: number;
    lng: number;
    starts_at: Date;
    ends_at: Date;
    capacity: number;
  }>(sql`
    select a.id, a.title, a.description, a.category, a.location, a.skills, a.status, a.organisation_id,
           a.community_id, c.street_id, c.lat, c.lng, a.starts_at, a.ends_at, a.capacity
    from activities a join communities c on c.id = a.community_id
    where ${where} ${tail}`);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    categoryLabel: categoryLabel(r.category),
    location: r.location,
    skills: r.skills,
    status: r.status,
    organisationId: r.organisation_id,
    communityId: r.community_id,
    streetId: r.street_id,
    _geo: geo(r.lat, r.lng),
    startsAt: new Date(r.starts_at).getTime(),
    endsAt: new Date(r.ends_at).getTime(),
    capacity: r.capacity,
  }));
}

export const documentReaders: Record<IndexBase, (select: DocumentSelection) => Promise<SearchDocument[]>> = {
  offers: offerDocuments,
  needs: needDocuments,
  activities: activityDocuments,
};
