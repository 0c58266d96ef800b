// Where an hour is written. Every hour entry the app records goes through this file: attendance
// closed by the organiser, by a volunteer's second scan or by the 24-hour job
// (activities.server.ts, check-in.server.ts), a reversal and an accepted correction
// (hour-entries.server.ts). The demo seed (db/seed/seed-demo.ts) and the ledger benchmark
// (scripts/bench/ledger-totals.ts) bulk-load rows directly, through the same triggers; the seed
// counts minutes with `entryMinutes` below.
//
// What the database does when an entry is inserted (the app never does it itself):
//  - before: `hour_entries_check_insert` copies the community and team from the activity (whatever
//    was given), refuses an entry longer than its activity (LL002) and a reversal that is not the
//    exact mirror of an approved entry (LL003)
//    — [0001_database_rules.sql](../../../db/migrations/0001_database_rules.sql);
//    `hour_entries_check_bounds` refuses an entry outside its activity, 2 hours either side
//    (constraint hour_entries_within_activity)
//    — [0007_hour_bounds.sql](../../../db/migrations/0007_hour_bounds.sql).
//  - after: `hour_entries_after_insert` gives a reversal its approval row in hour_entry_reviews at
//    once and frees the reversed entry's time in approved_hour_periods
//    — [0001_database_rules.sql](../../../db/migrations/0001_database_rules.sql).
//  - after: `hour_totals_entries_inserted` adds the entry's minutes to the pending totals of its
//    volunteer, team, community and street (hour_totals_* tables:
//    [0002_ledger_totals.sql](../../../db/migrations/0002_ledger_totals.sql)); the function that
//    applies every change to the totals is `hour_totals_apply`
//    — [0010_ledger_totals_apply.sql](../../../db/migrations/0010_ledger_totals_apply.sql)
//    (first written in [0003_ledger_totals_triggers.sql](../../../db/migrations/0003_ledger_totals_triggers.sql)).
// And when a review is inserted (approving or rejecting: hour-entries.server.ts):
//  - `hour_entry_reviews_after_insert` claims an approved entry's time in approved_hour_periods,
//    whose exclusion constraint approved_hour_periods_no_overlap refuses overlaps (0001);
//  - `hour_entry_reviews_day_limits` refuses a day over 12 hours and asks for a second organiser
//    over 8 (0007);
//  - `hour_totals_reviews_inserted` moves the minutes from pending to approved (0010).
// The ledger is append-only (LL001, 0001): a wrong entry is reversed, never changed. What each
// refusal becomes for the user: app/lib/db-errors.server.ts.
import { hourEntries } from "#db/schema";
import type { Transaction } from "~/lib/db.server";

/** Whole minutes served from `startsAt` to `endsAt` (the ledger counts whole minutes, rounded down). */
export function entryMinutes(startsAt: Date, endsAt: Date): number {
  return Math.floor((endsAt.getTime() - startsAt.getTime()) / 60_000);
}

interface ServiceEntry {
  volunteerId: string;
  activityId: string;
  /** The database copies community and team from the activity whatever is given here. */
  communityId: string;
  kind: "attendance" | "proxy" | "correction";
  startsAt: Date;
  endsAt: Date;
  recordedBy: string;
  attendanceId?: string;
  correctionRequestId?: string;
  note?: string | null;
}

/** Writes an entry of service (pending until reviewed) and returns its id and minutes. */
export async function writeHourEntry(tx: Transaction, entry: ServiceEntry) {
  return insertEntry(tx, {
    volunteerId: entry.volunteerId,
    activityId: entry.activityId,
    communityId: entry.communityId,
    kind: entry.kind,
    startsAt: entry.startsAt,
    endsAt: entry.endsAt,
    minutes: entryMinutes(entry.startsAt, entry.endsAt),
    attendanceId: entry.attendanceId ?? null,
    correctionRequestId: entry.correctionRequestId ?? null,
    recordedByUserId: entry.recordedBy,
    note: entry.note ?? null,
  });
}

/**
 * Writes the entry that cancels an approved one: the same volunteer, activity and times, the minutes
 * negated. The database records it as approved at once (hour_entries_after_insert).
 */
export async function writeReversal(
  tx: Transaction,
  original: { id: string; volunteerId: string; activityId: string; communityId: string; startsAt: Date; endsAt: Date; minutes: number },
  reversal: { recordedBy: string; note: string; correctionRequestId?: string },
) {
  return insertEntry(tx, {
    volunteerId: original.volunteerId,
    activityId: original.activityId,
    communityId: original.communityId,
    kind: "reversal",
    startsAt: original.startsAt,
    endsAt: original.endsAt,
    minutes: -original.minutes,
    reversesId: original.id,
    correctionRequestId: reversal.correctionRequestId ?? null,
    note: reversal.note,
    recordedByUserId: reversal.recordedBy,
  });
}

async function insertEntry(tx: Transaction, values: typeof hourEntries.$inferInsert) {
  const [row] = await tx.insert(hourEntries).values(values).returning({ id: hourEntries.id, minutes: hourEntries.minutes });
  return row!;
}
