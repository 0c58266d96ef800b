// What counts as a co-building partner (共建伙伴): one definition, used by every page that counts or
// lists partners (home and showcase figures, the partners list, the honour roll, the street table).
//
// An organisation of any type (bank, hospital, school, company, property manager, public body, social
// organisation, volunteer team) is a partner when, today (Tianjin date), it has at least one
// agreement in force (accepted, started, not yet ended) or at least one active offer.
// Within a place: the agreement or the offer covers that place (a community: the community itself or
// its whole street; a street: the street or one of its communities).
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { now } from "~/lib/clock.server";
import { db } from "~/lib/db.server";
import { tianjinDate } from "~/lib/tianjin-time";

/** A place to count partners in: a street or a community id (a value, or a column of the outer query). */
export interface PartnerScope {
  street?: string | SQL;
  community?: string | SQL;
}

function covers(alias: "partner_agreement" | "partner_offer", scope: PartnerScope): SQL {
  const community = sql.raw(`${alias}.community_id`);
  const street = sql.raw(`${alias}.street_id`);
  if (scope.community)
    return sql`(${community} = ${scope.community} or ${street} = (select pc.street_id from communities pc where pc.id = ${scope.community}))`;
  if (scope.street)
    return sql`(${street} = ${scope.street} or ${community} in (select pc.id from communities pc where pc.street_id = ${scope.street}))`;
  return sql`true`;
}

/**
 * THE partner rule as a SQL condition on an organisation id (a column, or e.g. `sql\`org.id\``; the
 * subqueries' aliases start with partner_): an agreement in force today or an active offer, covering
 * the scope when one is given.
 */
export function isPartner(organisationId: SQLWrapper, scope: PartnerScope = {}, today: string = tianjinDate(now())): SQL {
  return sql`(exists (
      select 1 from agreements partner_agreement
      where partner_agreement.organisation_id = ${organisationId} and partner_agreement.status = 'active'
        and partner_agreement.starts_on <= ${today}::date and partner_agreement.ends_on >= ${today}::date
        and ${covers("partner_agreement", scope)})
    or exists (
      select 1 from offers partner_offer
      where partner_offer.organisation_id = ${organisationId} and partner_offer.active and ${covers("partner_offer", scope)}))`;
}

/** How many partners there are (in a place). */
export async function countPartners(scope: PartnerScope = {}): Promise<number> {
  const [row] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from organisations org where ${isPartner(sql`org.id`, scope)}`,
  );
  return row?.n ?? 0;
}
