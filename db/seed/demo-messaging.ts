// Demo data for messages (issue 18): the phone-login resident 13800000001 agreed (on paper, recorded
// by staff) to SMS notices and named a family contact, and has a wish staff posted on their behalf
// that waits for review, so approving it shows the SMS in GET /api/dev/messages.
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "../schema";

type Db = PostgresJsDatabase<typeof schema>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function seedDemoMessaging(tx: Tx, at: Date, needId: string): Promise<void> {
  const [who] = await tx.execute<{ resident: string; staff: string; community: string }>(sql`
    select r.id as resident, s.user_id as staff, r.home_community_id as community
    from users r join memberships s on s.community_id = r.home_community_id and s.role = 'community_staff'
    join users su on su.id = s.user_id and su.email = 'shequ@demo.linli.local'
    where r.phone = '13800000001'`);
  if (!who) return;
  await tx
    .insert(schema.messageConsents)
    .values([{ userId: who.resident, channel: "sms", optedIn: true, source: "staff", recordedAt: at }]);
  await tx.insert(schema.familyContacts).values({ userId: who.resident, name: "刘建国（儿子）", phone: "13800000009", recordedAt: at });
  await tx.insert(schema.needs).values({
    id: needId,
    kind: "micro_wish",
    title: "厨房水龙头漏水，想请人帮忙换一个",
    description: "老人独居，水龙头一直滴水，自己拧不紧，希望有懂行的志愿者上门换一个新的。",
    category: "repair",
    communityId: who.community,
    status: "pending_review",
    postedByUserId: who.staff,
    beneficiaryUserId: who.resident,
    consentRecordedAt: at,
    createdAt: at,
    updatedAt: at,
  });
}
