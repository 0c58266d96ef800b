// Whether an organisation serves a place: the one rule for whom a case may be dispatched to and who may
// claim a wish there (a claimer reads the resident's contact, so not any organisation in the city may).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/lib/db.server";
import { tianjinDate } from "~/lib/tianjin-time";

export interface ServedPlace {
  communityId: string;
  streetId: string;
}

/**
 * An organisation serves a place when it belongs to the place's street, holds an active agreement with its
 * community or street covering today, or has an active offer there.
 */
export async function organisationServes(tx: DbOrTx, organisationId: string, place: ServedPlace, at: Date): Promise<boolean> {
  const today = tianjinDate(at);
  const [row] = await tx.execute<{ serves: boolean }>(sql`
    select exists (select 1 from organisations o where o.id = ${organisationId} and o.street_id = ${place.streetId})
        or exists (select 1 from agreements a where a.organisation_id = ${organisationId} and a.status = 'active'
                     and a.starts_on <= ${today}::date and a.ends_on >= ${today}::date
                     and (a.community_id = ${place.communityId} or a.street_id = ${place.streetId}))
        or exists (select 1 from offers f where f.organisation_id = ${organisationId} and f.active
                     and (f.community_id = ${place.communityId} or f.street_id = ${place.streetId})) as serves`);
  return !!row?.serves;
}
