import { asc, eq } from "drizzle-orm";
import { communities, districts, streets } from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";

export interface CommunityNode {
  id: string;
  name: string;
  streetId: string;
  lat: number;
  lng: number;
}
export interface StreetNode {
  id: string;
  name: string;
  districtId: string;
  lat: number;
  lng: number;
  communities: CommunityNode[];
}
export interface DistrictNode {
  id: string;
  name: string;
  streets: StreetNode[];
}

export interface PlaceTree {
  districts: DistrictNode[];
  /** The same streets and communities, flat, for clients that do not walk the tree. */
  streets: Omit<StreetNode, "communities">[];
  communities: CommunityNode[];
}

export async function placeTree(): Promise<PlaceTree> {
  const [districtRows, streetRows, communityRows] = await Promise.all([
    db().select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name)),
    db()
      .select({ id: streets.id, name: streets.name, districtId: streets.districtId, lat: streets.lat, lng: streets.lng })
      .from(streets)
      .orderBy(asc(streets.name)),
    db()
      .select({ id: communities.id, name: communities.name, streetId: communities.streetId, lat: communities.lat, lng: communities.lng })
      .from(communities)
      .orderBy(asc(communities.name)),
  ]);
  const tree: DistrictNode[] = districtRows.map((d) => ({
    ...d,
    streets: streetRows
      .filter((s) => s.districtId === d.id)
      .map((s) => ({ ...s, communities: communityRows.filter((c) => c.streetId === s.id) })),
  }));
  return { districts: tree, streets: streetRows, communities: communityRows };
}

export async function communityById(id: string) {
  const [row] = await db()
    .select({ id: communities.id, name: communities.name, streetId: communities.streetId, streetName: streets.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, id));
  return row ?? null;
}

/** A community's place for scoping: its id and its street's; an unknown id is a field error on `communityId`. */
export async function placeOfCommunity(communityId: string) {
  const [row] = await db()
    .select({ communityId: communities.id, streetId: communities.streetId })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
  return row;
}
