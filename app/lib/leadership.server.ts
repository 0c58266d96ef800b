// One leader among all the app's processes and instances, for the background work that must run once:
// a session-level PostgreSQL advisory lock held on a connection of its own. The others try again every
// `retryMs`; the lock goes with its connection, so a dead leader's work is taken over within a retry
// (plus the time PostgreSQL takes to notice a vanished client). The leader checks every `retryMs` that
// its connection still holds the lock (postgres.js reconnects silently) and steps down when it does not.
import postgres from "postgres";
import { env } from "./env.server";

/** The advisory lock key of the background jobs' leader. */
export const LEADER_LOCK_KEY = 7_482_303;

export interface Leadership {
  isLeader(): boolean;
  /** Steps down (the jobs stop first) and closes the connection. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  onLead: () => void | Promise<void>;
  onStepDown: () => void | Promise<void>;
  retryMs?: number;
  key?: number;
  databaseUrl?: string;
  log?: (message: string) => void;
}

export function startLeadership({
  onLead,
  onStepDown,
  retryMs = 3000,
  key = LEADER_LOCK_KEY,
  databaseUrl = env().DATABASE_URL,
  log = () => {},
}: LeadershipOptions): Leadership {
  // One connection, never closed for idling: the lock lives exactly as long as it does.
  const sql = postgres(databaseUrl, {
    max: 1,
    idle_timeout: 0,
    connect_timeout: 5,
    onnotice: () => {},
    backoff: () => 0.5,
    // Names the leader in pg_stat_activity: which process holds the jobs is one query away.
    connection: { application_name: `linli-leader-${process.pid}` },
  });
  let leading = false;
  let stopped = false;
  let busy: Promise<void> | null = null;

  const lead = async () => {
    leading = true;
    log("leadership: this process runs the background jobs");
    await onLead();
  };
  const stepDown = async (why: string) => {
    if (!leading) return;
    leading = false;
    log(`leadership: stepping down (${why})`);
    await onStepDown();
  };

  const attempt = async () => {
    try {
      if (leading) {
        const [held] = await sql<{ held: boolean }[]>`
          select exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
                         and classid = 0 and objid = ${key} and objsubid = 1) as held`;
        if (!held?.held) await stepDown("the lock's connection was lost");
        return;
      }
      const [row] = await sql<{ ok: boolean }[]>`select pg_try_advisory_lock(${key}) as ok`;
      if (row?.ok && !stopped) await lead();
    } catch (error) {
      // The database is unreachable: a leader cannot know it still holds the lock, so it stops.
      await stepDown(`database unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const tick = () => {
    if (busy || stopped) return;
    busy = attempt().finally(() => (busy = null));
  };
  const timer = setInterval(tick, retryMs);
  timer.unref();
  tick();

  return {
    isLeader: () => leading,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
      await stepDown("shutting down");
      await sql.end({ timeout: 2 }).catch(() => {});
    },
  };
}
