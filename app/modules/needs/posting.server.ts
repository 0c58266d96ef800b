// Posting a need: what the posting form offers a viewer (their communities, and whether they post as staff),
// and createNeed, which writes the need (to review, or published at once). Its later moves: ./transitions.server.ts.
import { and, eq } from "drizzle-orm";
import { memberships, needItems, needs, searchOutbox, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError, forbidden } from "~/lib/errors";
import { now as clockNow } from "~/lib/clock.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { normaliseImage, storeImage } from "~/modules/attachments/attachments.server";
import type { PlaceTree } from "~/modules/places/places.server";
import { can, residentOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { placeOfCommunity } from "~/modules/places/places.server";
import { notifyStaffOfPendingWish } from "./review.server";
import type { NeedStatus } from "./lifecycle";
import type { NeedInput } from "./needs.schema";

export function postingChoices(viewer: Viewer, places: PlaceTree) {
  const asStaff = places.communities
    .filter((c) => can(viewer, "need.create_for_community", { communityId: c.id, streetId: c.streetId }))
    .map((c) => c.id);
  const asResident = places.communities
    .filter((c) => can(viewer, "need.create_wish", { communityId: c.id, streetId: c.streetId }))
    .map((c) => c.id);
  const forResidents = places.communities
    .filter((c) => can(viewer, "need.post_for_resident", { communityId: c.id, streetId: c.streetId }))
    .map((c) => c.id);
  return { staffCommunities: asStaff, wishCommunities: asResident, behalfCommunities: forResidents };
}

/** The form's flat fields as the API's nested input: items one per line, on-behalf fields grouped. */
export function needInputFromForm(values: Record<string, string>) {
  const items = (values.items ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((title) => ({ title }));
  // A registered resident picked from the list, or (not registered) a name typed with their consent.
  const residentId = values.onBehalfUserId || undefined;
  const onBehalf = residentId || values.onBehalfName || values.onBehalfPhone;
  return {
    kind: values.kind || "micro_wish",
    title: values.title,
    description: values.description ?? "",
    category: values.category,
    communityId: values.communityId,
    contactPhone: values.contactPhone,
    address: values.address,
    ...(values.kind === "project" ? { items } : {}),
    ...(onBehalf
      ? {
          onBehalfOf: {
            userId: residentId,
            name: residentId ? undefined : values.onBehalfName,
            phone: values.onBehalfPhone,
            address: values.address,
            consent: values.onBehalfConsent === "on",
          },
        }
      : {}),
  };
}

/** Residents post micro-wishes (to review); staff post needs, projects and wishes for residents (published at once). */
export async function createNeed(viewer: Viewer, input: NeedInput, photos: Uint8Array[] = []) {
  const place = await placeOfCommunity(input.communityId);
  const isStaff = can(viewer, "need.create_for_community", place);
  if (input.kind !== "micro_wish" && !isStaff) throw forbidden("only the community's staff post community needs and projects");
  if (input.kind === "micro_wish" && !can(viewer, "need.create_wish", place)) throw forbidden("post wishes in your own community");
  if (input.onBehalfOf && !can(viewer, "need.post_for_resident", place))
    throw forbidden("only the community's staff and grid workers post on someone's behalf");
  // A grid worker who is not a resident there posts only for a resident (代办), and it is reviewed as theirs would be.
  if (!isStaff && !input.onBehalfOf && !residentOf(viewer, input.communityId))
    throw new AppError("validation_failed", "name the resident the wish is for", { "onBehalfOf.name": "required" });
  if (input.kind === "project" && !input.items?.length)
    throw new AppError("validation_failed", "a project needs at least one item", { items: "required" });
  const onBehalf = input.onBehalfOf;
  // A registered resident's own phone and address reach the wish unless staff give others: whoever
  // claims it must be able to call and find them.
  let registered: { phone: string | null; address: string | null } | undefined;
  if (onBehalf?.userId) {
    [registered] = await db()
      .select({ phone: users.phone, address: users.address })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(eq(memberships.userId, onBehalf.userId), eq(memberships.role, "resident"), eq(memberships.communityId, input.communityId)),
      );
    if (!registered) throw new AppError("validation_failed", "not a resident of this community", { "onBehalfOf.userId": "not_a_resident" });
  }
  if (onBehalf && !onBehalf.userId && !onBehalf.name)
    throw new AppError("validation_failed", "name the resident", { "onBehalfOf.name": "required" });
  if (onBehalf?.name && !onBehalf.consent)
    throw new AppError("validation_failed", "record the resident's consent", { "onBehalfOf.consent": "consent_required" });
  // Bad photos are refused before anything is written.
  for (const photo of photos) await normaliseImage(photo);
  const now = clockNow();
  const status: NeedStatus = isStaff ? "published" : "pending_review";
  return db().transaction(async (tx) => {
    const [need] = await tx
      .insert(needs)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description,
        category: input.category ?? null,
        communityId: input.communityId,
        status,
        postedByUserId: viewer.id,
        beneficiaryUserId: onBehalf?.userId ?? null,
        beneficiaryName: onBehalf?.userId ? null : (onBehalf?.name ?? null),
        contactPhone: onBehalf?.phone ?? input.contactPhone ?? registered?.phone ?? null,
        address: onBehalf?.address ?? input.address ?? registered?.address ?? null,
        consentRecordedAt: onBehalf ? now : null,
        publishedAt: status === "published" ? now : null,
      })
      .returning();
    if (input.kind === "project" && input.items) {
      await tx.insert(needItems).values(
        input.items.map((item, position) => ({
          needId: need!.id,
          position,
          title: item.title,
          description: item.description ?? "",
          category: item.category ?? null,
        })),
      );
    }
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "need.create",
      subjectType: "need",
      subjectId: need!.id,
      data: { status, onBehalf: !!onBehalf },
    });
    for (const bytes of photos) await storeImage(tx, { bytes, uploadedByUserId: viewer.id, needId: need!.id });
    await tx.insert(searchOutbox).values({ entity: "need", entityId: need!.id });
    if (status === "pending_review") await notifyStaffOfPendingWish(tx, need!);
    return need!;
  });
}
