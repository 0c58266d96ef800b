// Co-building agreements (共建协议): proposed by a community's staff or a street's admin, accepted by
// the organisation's admin; "active" past its end date counts as expired (and the job records it).
import { TIANJIN_ZONE } from "~/lib/tianjin-time.server";
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { agreements, communities, organisations, streets } from "#db/schema";
import { db } from "~/lib/db.server";
import { AppError, forbidden, notFound } from "~/lib/errors";
import { domainErrorFromDatabase } from "~/lib/db-errors.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { adminOf, governsCommunity, governsStreet, type Viewer } from "~/modules/accounts/accounts.policy";
import { notify, organisationMemberIds } from "~/modules/notifications/notifications.server";
import type { AgreementInput } from "./agreements.schema";
import { now } from "~/lib/clock.server";

/** Today in Tianjin, as a date. */
const today = sql`(linli_now() at time zone ${TIANJIN_ZONE})::date`;
const effectiveStatus = sql<string>`case when ${agreements.status} = 'active' and ${agreements.endsOn} < ${today} then 'expired' else ${agreements.status}::text end`;

function agreementQuery() {
  return db()
    .select({
      id: agreements.id,
      organisationId: agreements.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      communityId: agreements.communityId,
      communityName: communities.name,
      streetId: sql<string>`coalesce(${agreements.streetId}, ${communities.streetId})`,
      streetName: streets.name,
      startsOn: agreements.startsOn,
      endsOn: agreements.endsOn,
      categories: agreements.categories,
      status: effectiveStatus,
      acceptedAt: agreements.acceptedAt,
      createdAt: agreements.createdAt,
    })
    .from(agreements)
    .innerJoin(organisations, eq(organisations.id, agreements.organisationId))
    .leftJoin(communities, eq(communities.id, agreements.communityId))
    .innerJoin(streets, eq(streets.id, sql`coalesce(${agreements.streetId}, ${communities.streetId})`));
}

type AgreementRow = Awaited<ReturnType<ReturnType<typeof agreementQuery>["execute"]>>[number];
const toView = ({ acceptedAt, createdAt, ...row }: AgreementRow) => ({
  ...row,
  acceptedAt: acceptedAt?.toISOString() ?? null,
  createdAt: createdAt.toISOString(),
});
export type AgreementView = ReturnType<typeof toView>;

export async function getAgreement(id: string): Promise<AgreementView> {
  const [row] = await agreementQuery().where(eq(agreements.id, id));
  if (!row) throw notFound("agreement");
  return toView(row);
}

/** Partner lists are public. */
export async function agreementsOfOrganisation(organisationId: string): Promise<AgreementView[]> {
  const rows = await agreementQuery().where(eq(agreements.organisationId, organisationId)).orderBy(asc(agreements.startsOn));
  return rows.map(toView);
}

/** The agreements covering a community: its own and its street's. */
export async function agreementsOfCommunity(communityId: string): Promise<AgreementView[]> {
  const [community] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, communityId));
  if (!community) throw notFound("community");
  const rows = await agreementQuery()
    .where(or(eq(agreements.communityId, communityId), eq(agreements.streetId, community.streetId)))
    .orderBy(asc(organisations.name));
  return rows.map(toView);
}

export async function agreementsOfStreet(streetId: string): Promise<AgreementView[]> {
  const rows = await agreementQuery()
    .where(sql`coalesce(${agreements.streetId}, ${communities.streetId}) = ${streetId}`)
    .orderBy(asc(organisations.name));
  return rows.map(toView);
}

async function placeOfAgreement(input: { communityId?: string; streetId?: string }) {
  if (input.communityId) {
    const [row] = await db().select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, input.communityId));
    if (!row) throw new AppError("validation_failed", "unknown community", { communityId: "community_required" });
    return { communityId: input.communityId, streetId: row.streetId };
  }
  const [row] = await db().select({ id: streets.id }).from(streets).where(eq(streets.id, input.streetId!));
  if (!row) throw new AppError("validation_failed", "unknown street", { streetId: "street_required" });
  return { communityId: null, streetId: row.id };
}

function governsAgreementPlace(viewer: Viewer, place: { communityId: string | null; streetId: string }) {
  return place.communityId
    ? governsCommunity(viewer, { communityId: place.communityId, streetId: place.streetId })
    : governsStreet(viewer, place.streetId);
}

export async function proposeAgreement(viewer: Viewer, input: AgreementInput): Promise<AgreementView> {
  const place = await placeOfAgreement(input);
  if (!governsAgreementPlace(viewer, place)) throw forbidden("only the community's staff or the street's admin propose agreements here");
  const [org] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!org) throw new AppError("validation_failed", "unknown organisation", { organisationId: "organisation_required" });
  const id = await db()
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(agreements)
        .values({
          organisationId: input.organisationId,
          communityId: place.communityId,
          streetId: place.communityId ? null : place.streetId,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          categories: input.categories,
          status: "proposed",
          proposedByUserId: viewer.id,
        })
        .returning({ id: agreements.id });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "agreement.propose",
        subjectType: "agreement",
        subjectId: row!.id,
        data: { organisationId: input.organisationId },
      });
      await notify(tx, await organisationMemberIds(tx, input.organisationId), {
        kind: "agreement.proposed",
        subjectType: "agreement",
        subjectId: row!.id,
        data: { organisationId: input.organisationId },
      });
      return row!.id;
    })
    .catch((error: unknown) => {
      // agreements_no_overlap: the organisation already has an agreement here for part of that period.
      throw domainErrorFromDatabase(error) ?? error;
    });
  return getAgreement(id);
}

/** The organisation's admin accepts a proposal: exactly once, even when two admins click at once. */
export async function acceptAgreement(viewer: Viewer, id: string): Promise<AgreementView> {
  const current = await getAgreement(id);
  if (!adminOf(viewer, current.organisationId)) throw forbidden("only the organisation's admins accept its agreements");
  await db().transaction(async (tx) => {
    const [moved] = await tx
      .update(agreements)
      .set({ status: "active", acceptedByUserId: viewer.id, acceptedAt: now() })
      .where(and(eq(agreements.id, id), eq(agreements.status, "proposed")))
      .returning({ proposedBy: agreements.proposedByUserId });
    if (!moved)
      throw new AppError("invalid_transition", `cannot accept an agreement that is ${current.status}`, undefined, "agreement_not_proposed");
    await recordAudit(tx, { actorUserId: viewer.id, action: "agreement.accept", subjectType: "agreement", subjectId: id });
    await notify(tx, [moved.proposedBy], {
      kind: "agreement.accepted",
      subjectType: "agreement",
      subjectId: id,
      data: { title: current.organisationName, organisationId: current.organisationId },
    });
  });
  return getAgreement(id);
}

/** Either side ends a proposed or active agreement. */
export async function endAgreement(viewer: Viewer, id: string): Promise<AgreementView> {
  const current = await getAgreement(id);
  const place = { communityId: current.communityId, streetId: current.streetId };
  if (!adminOf(viewer, current.organisationId) && !governsAgreementPlace(viewer, place))
    throw forbidden("only the two parties end an agreement");
  await db().transaction(async (tx) => {
    const [moved] = await tx
      .update(agreements)
      .set({ status: "ended", endedAt: now() })
      .where(and(eq(agreements.id, id), inArray(agreements.status, ["proposed", "active"])))
      .returning({ id: agreements.id });
    if (!moved)
      throw new AppError("invalid_transition", `cannot end an agreement that is ${current.status}`, undefined, "agreement_not_active");
    await recordAudit(tx, { actorUserId: viewer.id, action: "agreement.end", subjectType: "agreement", subjectId: id });
  });
  return getAgreement(id);
}

/** Records the expiry of active agreements past their end date (reads already treat them as expired). */
export async function expireAgreements(): Promise<number> {
  const rows = await db()
    .update(agreements)
    .set({ status: "expired" })
    .where(and(eq(agreements.status, "active"), lt(agreements.endsOn, sql`${today}`)))
    .returning({ id: agreements.id });
  return rows.length;
}
