// Scheduled notices, run by the minute job: activity reminders (the day before and an hour before),
// a claim's deadline 3 days ahead (to the partner), and the staff's morning digest (08:30 Tianjin).
// Each fires ONCE per (kind, subject, recipient, due moment) however many processes run the job at the
// same moment: the fire is an INSERT … ON CONFLICT DO NOTHING into message_fires, and only the
// transaction whose insert returned the row writes the notice and the messages (in the same transaction).
// No leader election is needed (nor assumed).
import { sql } from "drizzle-orm";
import { now } from "~/lib/clock.server";
import { db, type Transaction } from "~/lib/db.server";
import { formatTianjinDateTime, formatTianjinDate, startOfTianjinDay, tianjinDate } from "~/lib/tianjin-time";
import { defaultLocale } from "~/lib/i18n";
import { notify, organisationMemberIds, communityStaffIds } from "~/modules/notifications/notifications.server";
import { messageGroup, messageUsers } from "./notices.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The digest goes at 08:30 Tianjin; a process that was down then still sends it until 11:30. */
const DIGEST_AT_MS = 8.5 * HOUR;
const DIGEST_LATE_MS = 3 * HOUR;

/** A time as a query parameter (raw SQL gets no column type to convert a Date by). */
const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** Inserts the fires; returns only those this transaction won (each row at most once, ever). */
async function fire(
  tx: Transaction,
  rows: { kind: string; subjectId: string; recipient: string; dueAt: Date }[],
): Promise<{ subject_id: string; recipient: string; due_at: Date }[]> {
  if (rows.length === 0) return [];
  const values = sql.join(
    rows.map((r) => sql`(${r.kind}, ${r.subjectId}, ${r.recipient}, ${timestamp(r.dueAt)}, ${timestamp(now())})`),
    sql`, `,
  );
  const won = await tx.execute<{ subject_id: string; recipient: string; due_at: string }>(sql`
    insert into message_fires (kind, subject_id, recipient, due_at, fired_at) values ${values}
    on conflict on constraint message_fires_once do nothing
    returning subject_id, recipient, due_at`);
  return won.map((w) => ({ ...w, due_at: new Date(w.due_at) }));
}

/** Reminders to the volunteers signed up: the day before (24 h, until 3 h before) and an hour before. */
async function activityReminders(tx: Transaction, atDate: Date): Promise<number> {
  const at = timestamp(atDate);
  const due = await tx.execute<{ activity_id: string; volunteer_id: string; title: string; starts_at: string; kind: string }>(sql`
    select a.id as activity_id, s.volunteer_id, a.title, a.starts_at,
      case when a.starts_at - interval '1 hour' <= ${at} then 'activity_reminder_hour' else 'activity_reminder_day' end as kind
    from activities a join activity_signups s on s.activity_id = a.id and s.status = 'signed_up'
    where a.status = 'scheduled' and a.starts_at > ${at}
      and (a.starts_at - interval '1 hour' <= ${at}
        or (a.starts_at - interval '24 hours' <= ${at} and a.starts_at - interval '3 hours' > ${at}))
    order by a.id, s.volunteer_id`);
  const candidates = due.map((r) => {
    const startsAt = new Date(r.starts_at);
    return {
      kind: r.kind,
      subjectId: r.activity_id,
      recipient: r.volunteer_id,
      dueAt: new Date(startsAt.getTime() - (r.kind === "activity_reminder_hour" ? HOUR : DAY)),
      title: r.title,
      startsAt,
    };
  });
  let sent = 0;
  for (const kind of ["activity_reminder_day", "activity_reminder_hour"] as const) {
    const mine = candidates.filter((c) => c.kind === kind);
    const won = await fire(tx, mine);
    for (const w of won) {
      const c = mine.find((m) => m.subjectId === w.subject_id && m.recipient === w.recipient)!;
      const params = { title: c.title, startsAt: formatTianjinDateTime(c.startsAt, defaultLocale) };
      await notify(tx, [c.recipient], { kind: "activity.reminder", subjectType: "activity", subjectId: c.subjectId, data: params });
      await messageUsers(tx, [c.recipient], kind, params, `${kind}:${c.subjectId}:${c.recipient}`);
      sent++;
    }
  }
  return sent;
}

/** Three days before an active claim is due, its organisation is told (members, and its WeCom group). */
async function claimDeadlines(tx: Transaction, atDate: Date): Promise<number> {
  const at = timestamp(atDate);
  const due = await tx.execute<{ claim_id: string; organisation_id: string; need_id: string; title: string; due_at: string }>(sql`
    select c.id as claim_id, c.organisation_id, c.need_id, n.title, c.due_at
    from claims c join needs n on n.id = c.need_id
    where c.status = 'active' and c.due_at > ${at} and c.due_at - interval '3 days' <= ${at}
    order by c.id`);
  const rows = due.map((r) => ({
    kind: "claim_deadline",
    subjectId: r.claim_id,
    recipient: `organisation:${r.organisation_id}`,
    dueAt: new Date(new Date(r.due_at).getTime() - 3 * DAY),
    ...r,
  }));
  const won = await fire(tx, rows);
  for (const w of won) {
    const r = rows.find((x) => x.subjectId === w.subject_id)!;
    const params = { title: r.title, dueDate: formatTianjinDate(r.due_at, defaultLocale) };
    const members = await organisationMemberIds(tx, r.organisation_id);
    await notify(tx, members, { kind: "claim.deadline", subjectType: "need", subjectId: r.need_id, data: params });
    await messageUsers(tx, members, "claim_deadline", params, `claim_deadline:${r.claim_id}`);
    await messageGroup(tx, { organisationId: r.organisation_id }, "claim_deadline", params, `claim_deadline:${r.claim_id}`);
  }
  return won.length;
}

/** At 08:30 Tianjin: each community's staff hear of wishes waiting for review and overdue claims (to their WeCom group if set). */
async function staffDigests(tx: Transaction, at: Date): Promise<number> {
  const dueAt = new Date(startOfTianjinDay(tianjinDate(at)).getTime() + DIGEST_AT_MS);
  if (at < dueAt || at.getTime() >= dueAt.getTime() + DIGEST_LATE_MS) return 0;
  const counts = await tx.execute<{ community_id: string; name: string; pending: number; overdue: number }>(sql`
    select c.id as community_id, c.name,
      (select count(*)::int from needs n where n.community_id = c.id and n.status = 'pending_review') as pending,
      (select count(*)::int from claims cl join needs n on n.id = cl.need_id
        where n.community_id = c.id and cl.status = 'active' and cl.due_at < ${timestamp(at)}) as overdue
    from communities c
    where exists (select 1 from memberships m where m.community_id = c.id and m.role = 'community_staff')
    order by c.id`);
  const busy = counts.filter((c) => c.pending > 0 || c.overdue > 0);
  const rows = busy.map((c) => ({
    kind: "staff_digest",
    subjectId: c.community_id,
    recipient: `community:${c.community_id}`,
    dueAt,
    ...c,
  }));
  const won = await fire(tx, rows);
  for (const w of won) {
    const c = rows.find((r) => r.subjectId === w.subject_id)!;
    const params = { community: c.name, pending: c.pending, overdue: c.overdue };
    const key = `staff_digest:${c.community_id}:${tianjinDate(at)}`;
    const staff = await communityStaffIds(tx, c.community_id);
    await notify(tx, staff, { kind: "staff.digest", subjectType: "community", subjectId: c.community_id, data: params });
    // The group, when the community has one; otherwise each member of staff who opted in.
    if (!(await messageGroup(tx, { communityId: c.community_id }, "staff_digest", params, key)))
      await messageUsers(tx, staff, "staff_digest", params, key);
  }
  return won.length;
}

/** One pass of every scheduled notice; returns how many fired. Safe to run in several processes at once. */
export async function runScheduledNotices(at: Date = now()): Promise<number> {
  return db().transaction(async (tx) => {
    return (await activityReminders(tx, at)) + (await claimDeadlines(tx, at)) + (await staffDigests(tx, at));
  });
}
