// Partner organisations and volunteer teams: public profiles; admins edit them.
import { and, asc, count, eq, gt, ilike, inArray, type SQL } from "drizzle-orm";
import { memberships, offers, organisations, streets, users } from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminOf, governsStreet, isPlatformAdmin, memberOf, type Viewer } from "~/modules/accounts/accounts.policy";
import type { OrganisationInput } from "./organisations.schema";
import { isPartner } from "./partners.server";
import { storeImage } from "~/modules/attachments/attachments.server";
import { z } from "zod";
import { now } from "~/lib/clock.server";

function organisationQuery() {
  return db()
    .select({
      id: organisations.id,
      type: organisations.type,
      name: organisations.name,
      description: organisations.description,
      streetId: organisations.streetId,
      streetName: streets.name,
      serviceArea: organisations.serviceArea,
      publicContact: organisations.publicContact,
      logoPath: organisations.logoPath,
      createdAt: organisations.createdAt,
    })
    .from(organisations)
    .leftJoin(streets, eq(streets.id, organisations.streetId));
}

type OrganisationRow = Awaited<ReturnType<ReturnType<typeof organisationQuery>["execute"]>>[number];
const toView = ({ createdAt, logoPath, ...row }: OrganisationRow) => ({ ...row, hasLogo: !!logoPath, createdAt: createdAt.toISOString() });
export type OrganisationView = ReturnType<typeof toView>;

/** Ordered by name: the cursor carries the last id, names are not unique so id breaks ties. */
export async function listOrganisations(query: {
  type?: string;
  street?: string;
  q?: string;
  limit: number;
  cursor?: string;
  /** Only partners as partners.server.ts defines them (the public list of 共建伙伴). */
  partnersOnly?: boolean;
}) {
  const conditions: SQL[] = [];
  if (query.partnersOnly) conditions.push(isPartner(organisations.id));
  if (query.type) conditions.push(eq(organisations.type, query.type));
  if (query.street) conditions.push(eq(organisations.streetId, query.street));
  if (query.q) conditions.push(ilike(organisations.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const after = query.cursor ? z.uuid().safeParse(Buffer.from(query.cursor, "base64url").toString()) : null;
  if (after && !after.success) throw new AppError("validation_failed", "the cursor is not valid", { cursor: "cursor_invalid" });
  if (after?.success) conditions.push(gt(organisations.id, after.data));
  const rows = await organisationQuery()
    .where(and(...conditions))
    .orderBy(asc(organisations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? Buffer.from(last.id).toString("base64url") : null };
}

export async function getOrganisation(viewer: Viewer | null, id: string) {
  const [row] = await organisationQuery().where(eq(organisations.id, id));
  if (!row) throw notFound("organisation");
  const [offerCount] = await db()
    .select({ n: count() })
    .from(offers)
    .where(and(eq(offers.organisationId, id), eq(offers.active, true)));
  const view = { ...toView(row), activeOffers: offerCount?.n ?? 0 };
  // Members are listed to the organisation's own people and platform admins only.
  if (!viewer || !(memberOf(viewer, id) || isPlatformAdmin(viewer))) return view;
  const members = await db()
    .select({ userId: users.id, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, id), inArray(memberships.role, ["org_admin", "org_member"])))
    .orderBy(asc(users.displayName));
  return { ...view, members };
}

async function checkStreet(streetId: string) {
  const [row] = await db().select({ id: streets.id }).from(streets).where(eq(streets.id, streetId));
  if (!row) throw new AppError("validation_failed", "unknown street", { streetId: "street_required" });
}

/** Platform admins, the street's admin or staff of one of its communities register a partner. */
export async function createOrganisation(viewer: Viewer, input: OrganisationInput): Promise<OrganisationView> {
  await checkStreet(input.streetId);
  const staffHere = viewer.memberships.some((m) => m.role === "community_staff" && m.communityStreetId === input.streetId);
  if (!governsStreet(viewer, input.streetId) && !staffHere) throw forbidden("register partners in your own street");
  const id = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({
        type: input.type,
        name: input.name,
        description: input.description ?? "",
        streetId: input.streetId,
        serviceArea: input.serviceArea ?? "",
        publicContact: input.publicContact ?? null,
        createdByUserId: viewer.id,
      })
      .returning({ id: organisations.id });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "organisation.create",
      subjectType: "organisation",
      subjectId: row!.id,
      data: { name: input.name },
    });
    return row!.id;
  });
  const [row] = await organisationQuery().where(eq(organisations.id, id));
  return toView(row!);
}

/**
 * What an organisation is — its type, home street and (registered by staff, so verified) name — decides
 * what it may do (only volunteer teams run activities and certify hours, in the places they serve).
 * Those change only through the platform admin or the street's admin, audited with the old values;
 * the organisation's own admins edit the rest of the profile.
 */
const STAFF_ONLY_FIELDS = ["type", "streetId", "name"] as const;

export async function updateOrganisation(viewer: Viewer, id: string, patch: Partial<OrganisationInput>): Promise<OrganisationView> {
  const [current] = await db()
    .select({ id: organisations.id, type: organisations.type, streetId: organisations.streetId, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!current) throw notFound("organisation");
  const staff = isPlatformAdmin(viewer) || (!!current.streetId && governsStreet(viewer, current.streetId));
  if (!adminOf(viewer, id) && !staff) throw forbidden("only the organisation's admins edit its profile");
  // Fields sent unchanged are harmless (a client may send the whole profile back); a change is not.
  const changed = STAFF_ONLY_FIELDS.filter((field) => patch[field] !== undefined && patch[field] !== current[field]);
  if (changed.length && !staff)
    throw new AppError(
      "forbidden",
      "type, street and name change only through the platform admin or the street's admin",
      Object.fromEntries(changed.map((field) => [field, "staff_only_field"])),
    );
  if (patch.streetId && patch.streetId !== current.streetId) {
    await checkStreet(patch.streetId);
    // A street's admin hands an organisation over only to a street they also govern.
    if (!governsStreet(viewer, patch.streetId)) throw forbidden("move organisations only between streets you govern");
  }
  await db().transaction(async (tx) => {
    await tx
      .update(organisations)
      .set({ ...patch, updatedAt: now() })
      .where(eq(organisations.id, id));
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "organisation.update",
      subjectType: "organisation",
      subjectId: id,
      data: {
        fields: Object.keys(patch),
        ...(changed.length ? { changed: Object.fromEntries(changed.map((f) => [f, { from: current[f], to: patch[f] }])) } : {}),
      },
    });
  });
  const [row] = await organisationQuery().where(eq(organisations.id, id));
  return toView(row!);
}

/** A new logo (image rules as for wishes): only the organisation's admins. */
export async function setOrganisationLogo(viewer: Viewer, organisationId: string, bytes: Uint8Array): Promise<void> {
  if (!adminOf(viewer, organisationId) && !isPlatformAdmin(viewer)) throw forbidden("only the organisation's admins change its logo");
  await db().transaction(async (tx) => {
    const image = await storeImage(tx, { bytes, uploadedByUserId: viewer.id, organisationId });
    await tx.update(organisations).set({ logoPath: image.storagePath, updatedAt: now() }).where(eq(organisations.id, organisationId));
    await recordAudit(tx, { actorUserId: viewer.id, action: "organisation.logo", subjectType: "organisation", subjectId: organisationId });
  });
}
