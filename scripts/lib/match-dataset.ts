// Labelled matching data (the format of shared/data/match-dev): read, validated, and loaded into
// the app's own tables, where the app's outbox relay indexes it like any other change.
import fs from "node:fs";
import { z } from "zod";
import { sql } from "drizzle-orm";
import { categoryKeys, orgTypes } from "../../app/modules/categories/categories";

const place = {
  district: z.string().min(1),
  street: z.string().min(1),
  community: z.string().min(1).nullable(),
  lat: z.number(),
  lng: z.number(),
};

export const DatasetOffer = z.object({
  id: z.string().min(1),
  org_name: z.string().min(1),
  org_type: z.enum(orgTypes.map((o) => o.key) as [string, ...string[]]),
  title: z.string().min(1),
  description: z.string(),
  category: z.enum(categoryKeys),
  tags: z.array(z.string()).default([]),
  // 0 = nothing left this month: loaded as a paused offer (the app keeps capacity positive and pauses instead).
  capacity_per_month: z.number().int().nonnegative(),
  available_weekdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  active: z.boolean().default(true),
  ...place,
});

export const DatasetNeed = z.object({
  id: z.string().min(1),
  kind: z.enum(["micro_wish", "need", "project"]),
  title: z.string().min(1),
  description: z.string(),
  category: z.enum(categoryKeys).nullable(),
  relevant: z.record(z.string(), z.number().int().min(0).max(3)).default({}),
  ...place,
  community: z.string().min(1),
});

export type DatasetOffer = z.infer<typeof DatasetOffer>;
export type DatasetNeed = z.infer<typeof DatasetNeed>;

export function readDataset<T>(file: string, schema: z.ZodType<T>): T[] {
  const parsed = z.array(schema).safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Inserts places, organisations, offers and published needs; returns dataset id → database id. */
export async function loadDataset(offers: DatasetOffer[], needs: DatasetNeed[]) {
  const { db } = await import("../../app/lib/db.server");
  const schema = await import("../../db/schema");
  const all = [...offers, ...needs];
  return db().transaction(async (tx) => {
    const districtIds = new Map<string, string>();
    for (const name of new Set(all.map((p) => p.district))) {
      const [row] = await tx.insert(schema.districts).values({ name }).returning({ id: schema.districts.id });
      districtIds.set(name, row!.id);
    }
    const streetIds = new Map<string, string>();
    for (const key of new Set(all.map((p) => `${p.district}/${p.street}`))) {
      const members = all.filter((p) => `${p.district}/${p.street}` === key);
      const [district, name] = key.split("/") as [string, string];
      const [row] = await tx
        .insert(schema.streets)
        .values({
          districtId: districtIds.get(district)!,
          name,
          lat: mean(members.map((p) => p.lat)),
          lng: mean(members.map((p) => p.lng)),
        })
        .returning({ id: schema.streets.id });
      streetIds.set(key, row!.id);
    }
    const communityIds = new Map<string, string>();
    const communityKey = (p: { district: string; street: string; community: string | null }) => `${p.district}/${p.street}/${p.community}`;
    for (const key of new Set(all.filter((p) => p.community).map(communityKey))) {
      const members = all.filter((p) => communityKey(p) === key);
      const [district, street, name] = key.split("/") as [string, string, string];
      const [row] = await tx
        .insert(schema.communities)
        .values({
          streetId: streetIds.get(`${district}/${street}`)!,
          name,
          lat: mean(members.map((p) => p.lat)),
          lng: mean(members.map((p) => p.lng)),
        })
        .returning({ id: schema.communities.id });
      communityIds.set(key, row!.id);
    }
    const organisationIds = new Map<string, string>();
    for (const offer of offers) {
      if (organisationIds.has(offer.org_name)) continue;
      const [row] = await tx
        .insert(schema.organisations)
        .values({ name: offer.org_name, type: offer.org_type as never, streetId: streetIds.get(`${offer.district}/${offer.street}`)! })
        .returning({ id: schema.organisations.id });
      organisationIds.set(offer.org_name, row!.id);
    }
    const [poster] = await tx.insert(schema.users).values({ displayName: "评测" }).returning({ id: schema.users.id });
    const offerIds = new Map<string, string>();
    for (const offer of offers) {
      const [row] = await tx
        .insert(schema.offers)
        .values({
          organisationId: organisationIds.get(offer.org_name)!,
          title: offer.title,
          description: offer.description,
          category: offer.category as never,
          tags: offer.tags,
          communityId: offer.community ? communityIds.get(communityKey(offer))! : null,
          streetId: offer.community ? null : streetIds.get(`${offer.district}/${offer.street}`)!,
          lat: offer.lat,
          lng: offer.lng,
          capacityPerMonth: Math.max(1, offer.capacity_per_month),
          weekdays: offer.available_weekdays,
          active: offer.active && offer.capacity_per_month > 0,
        })
        .returning({ id: schema.offers.id });
      offerIds.set(offer.id, row!.id);
    }
    const needIds = new Map<string, string>();
    for (const need of needs) {
      const [row] = await tx
        .insert(schema.needs)
        .values({
          kind: need.kind,
          title: need.title,
          description: need.description,
          category: need.category as never,
          communityId: communityIds.get(communityKey(need))!,
          status: "published",
          postedByUserId: poster!.id,
          publishedAt: new Date(),
        })
        .returning({ id: schema.needs.id });
      needIds.set(need.id, row!.id);
    }
    await tx.execute(sql`
      insert into search_outbox (entity, entity_id)
      select 'offer'::outbox_entity, id from offers union all select 'need', id from needs`);
    return { offerIds, needIds };
  });
}
