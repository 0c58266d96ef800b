// In-process background jobs, once a minute, and the relays. They run on one process of all the app's
// processes and instances (startJobsWhenLeader: the leader by advisory lock); each is still safe to run
// on several at once (work is claimed with row locks).
import { expireOverdueClaims } from "~/modules/claims/claims.server";
import { expireAgreements } from "~/modules/agreements/agreements.server";
import { closeStaleCheckIns } from "~/modules/activities/activities.server";
import { startOutboxRelay } from "~/modules/search/outbox-relay.server";
import { relayMessages, startMessageRelay } from "~/modules/messages/messages.server";
import { runScheduledNotices } from "~/modules/messages/schedules.server";
import { startSuggestionRelay } from "~/modules/suggestions/suggestions.server";
import { startLeadership, type Leadership } from "~/lib/leadership.server";
import { escalateOverdueCases } from "~/modules/problems/problems.server";

let timer: NodeJS.Timeout | null = null;
let stopRelays: (() => Promise<void>)[] = [];
let leadership: Leadership | null = null;

export async function runJobsOnce(log: (message: string) => void = console.log) {
  const claims = await expireOverdueClaims();
  if (claims) log(`jobs: ${claims} overdue claim(s) returned to the wall`);
  const agreements = await expireAgreements();
  if (agreements) log(`jobs: ${agreements} agreement(s) expired`);
  const checkIns = await closeStaleCheckIns();
  if (checkIns) log(`jobs: ${checkIns} check-in(s) left open for 24 hours closed for the organiser to review`);
  const fired = await runScheduledNotices();
  if (fired) log(`jobs: ${fired} reminder(s) and digest(s) queued`);
  const cases = await escalateOverdueCases();
  if (cases.escalated) log(`jobs: ${cases.escalated} overdue case(s) escalated to their street`);
  // Messages are sent right after the change that queued them; this catches any left behind.
  const sent = await relayMessages();
  if (sent) log(`jobs: ${sent} queued message(s) sent`);
}

export function startBackgroundJobs(log: (message: string) => void = console.log, intervalMs = 60_000) {
  if (timer) return;
  const run = () => runJobsOnce(log).catch((e) => log(`jobs: failed: ${String(e)}`));
  void run();
  timer = setInterval(run, intervalMs);
  timer.unref();
  // The search outbox relay wakes on NOTIFY, so it runs beside the minute jobs, not in them.
  stopRelays = [startOutboxRelay({ log }), startSuggestionRelay({ log }), startMessageRelay(log)];
}

export async function stopBackgroundJobs() {
  if (timer) clearInterval(timer);
  timer = null;
  const stopping = stopRelays;
  stopRelays = [];
  await Promise.all(stopping.map((stop) => stop()));
}

/** Runs the background jobs in this process while it holds the leadership (see leadership.server.ts). */
export function startJobsWhenLeader(log: (message: string) => void = console.log, { retryMs = 3000, intervalMs = 60_000 } = {}) {
  leadership ??= startLeadership({
    retryMs,
    log,
    onLead: () => startBackgroundJobs(log, intervalMs),
    onStepDown: () => stopBackgroundJobs(),
  });
  return leadership;
}

export async function stopJobsWhenLeader() {
  const current = leadership;
  leadership = null;
  if (current) await current.stop();
  else await stopBackgroundJobs();
}
