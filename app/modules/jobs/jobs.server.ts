// In-process background jobs, once a minute. Each is safe to run on several app instances at once.
import { expireOverdueClaims } from "~/modules/claims/claims.server";
import { expireAgreements } from "~/modules/agreements/agreements.server";
import { closeStaleCheckIns } from "~/modules/activities/activities.server";
import { startOutboxRelay } from "~/modules/search/outbox-relay.server";
import { relayMessages } from "~/modules/messages/messages.server";
import { escalateOverdueCases } from "~/modules/problems/problems.server";

let timer: NodeJS.Timeout | null = null;
let stopRelay: (() => Promise<void>) | null = null;

export async function runJobsOnce(log: (message: string) => void = console.log) {
  const claims = await expireOverdueClaims();
  if (claims) log(`jobs: ${claims} overdue claim(s) returned to the wall`);
  const agreements = await expireAgreements();
  if (agreements) log(`jobs: ${agreements} agreement(s) expired`);
  const checkIns = await closeStaleCheckIns();
  if (checkIns) log(`jobs: ${checkIns} check-in(s) left open for 24 hours closed for the organiser to review`);
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
  stopRelay = startOutboxRelay({ log });
}

export async function stopBackgroundJobs() {
  if (timer) clearInterval(timer);
  timer = null;
  await stopRelay?.();
  stopRelay = null;
}
