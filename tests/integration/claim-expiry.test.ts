// A claim not fulfilled in time goes back to the wall: audited, notified, and only once.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { expireOverdueClaims } from "~/modules/claims/claims.server";
import { listNotifications, unreadCount, markAllRead } from "~/modules/notifications/notifications.server";
import { seedDemo } from "../setup/seed";

beforeAll(async () => {
  await seedDemo();
});

describe("claim expiry", () => {
  it("returns overdue claimed wishes to published, expires the claim, audits and notifies", async () => {
    const [claim] = await db().execute<{ id: string; need_id: string; posted_by_user_id: string; organisation_id: string }>(sql`
      select c.id, c.need_id, n.posted_by_user_id, c.organisation_id from claims c join needs n on n.id = c.need_id
      where c.status = 'active' and c.item_id is null and n.status = 'claimed' limit 1`);
    await db().execute(
      sql`update claims set claimed_at = linli_now() - interval '20 days', due_at = linli_now() - interval '6 days' where id = ${claim!.id}`,
    );
    const before = await unreadCount(claim!.posted_by_user_id);

    expect(await expireOverdueClaims()).toBe(1);
    const [need] = await db().execute<{ status: string }>(sql`select status from needs where id = ${claim!.need_id}`);
    expect(need!.status).toBe("published");
    const [after] = await db().execute<{ status: string; ended_at: Date | null }>(
      sql`select status, ended_at from claims where id = ${claim!.id}`,
    );
    expect(after).toMatchObject({ status: "expired" });
    expect(after!.ended_at).not.toBeNull();
    const [event] = await db().execute<{ n: string }>(
      sql`select count(*) as n from audit_events where subject_id = ${claim!.need_id} and action = 'claim.expire' and actor_user_id is null`,
    );
    expect(Number(event!.n)).toBeGreaterThanOrEqual(1);
    expect(await unreadCount(claim!.posted_by_user_id)).toBe(before + 1);
    const [notice] = await listNotifications(claim!.posted_by_user_id, 1);
    expect(notice).toMatchObject({ kind: "claim.expired", subjectId: claim!.need_id });
    const [member] = await db().execute<{ user_id: string }>(
      sql`select user_id from memberships where organisation_id = ${claim!.organisation_id} limit 1`,
    );
    expect((await listNotifications(member!.user_id, 5)).some((n) => n.kind === "claim.expired" && n.subjectId === claim!.need_id)).toBe(
      true,
    );

    // Running again changes nothing; another partner can now claim.
    expect(await expireOverdueClaims()).toBe(0);
    await markAllRead(claim!.posted_by_user_id);
    expect(await unreadCount(claim!.posted_by_user_id)).toBe(0);
  });

  it("leaves claims that are still in time, and two concurrent runs expire each claim once", async () => {
    const active = await db().execute<{ id: string }>(sql`select id from claims where status = 'active' and item_id is null`);
    expect(active.length).toBeGreaterThan(2);
    const [first, second] = active;
    await db().execute(
      sql`update claims set claimed_at = linli_now() - interval '20 days', due_at = linli_now() - interval '1 hour' where id in (${first!.id}, ${second!.id})`,
    );
    const counts = await Promise.all([expireOverdueClaims(), expireOverdueClaims()]);
    expect(counts[0]! + counts[1]!).toBe(2);
    const [left] = await db().execute<{ n: string }>(sql`select count(*) as n from claims where status = 'active' and item_id is null`);
    expect(Number(left!.n)).toBe(active.length - 2);
    const [events] = await db().execute<{ n: string }>(
      sql`select count(*) as n from audit_events where action = 'claim.expire' and data->>'claimId' in (${first!.id}, ${second!.id})`,
    );
    expect(Number(events!.n)).toBe(2);
  });
});
