// Two app instances (two processes of scripts/instance.ts, each with its own pool and job loop) on the
// same PostgreSQL and Meilisearch: a write through one empties the other's page cache at once, the
// background jobs run on one of them only (the leader by advisory lock), killing the leader hands
// them over within 10 s, and the login limit counts failures through both.
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { LEADER_LOCK_KEY } from "~/lib/leadership.server";
import { ACCOUNT_FAILURE_LIMIT } from "~/modules/accounts/login-throttle.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client } from "../setup/http";
import { seedDemo } from "../setup/seed";

interface Instance {
  child: ChildProcess;
  base: string;
  pid: number;
  output: () => string;
  exited: Promise<unknown>;
}

async function startInstance(): Promise<Instance> {
  // node --import tsx: one process (the tsx CLI would put a second one in between), so a kill is a real death.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/instance.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", LINLI_PAGE_CACHE: "on" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const deadline = Date.now() + 60_000;
  let base = "";
  while (!base && Date.now() < deadline && child.exitCode === null) {
    base = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1] ?? "";
    if (!base) await new Promise((r) => setTimeout(r, 100));
  }
  expect(base, output).not.toBe("");
  return { child, base, pid: child.pid!, output: () => output, exited };
}

/** The instance whose leadership connection holds the jobs' lock, by its process id. */
async function leaderPid(): Promise<number | null> {
  const rows = await db().execute<{ name: string }>(sql`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and l.classid = 0 and l.objid = ${LEADER_LOCK_KEY} and l.objsubid = 1`);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0] ? Number(rows[0].name.replace("linli-leader-", "")) : null;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Makes one active claim overdue; returns it. */
async function overdueClaim(): Promise<string> {
  const [claim] = await db().execute<{ id: string }>(sql`
    select c.id from claims c join needs n on n.id = c.need_id
    where c.status = 'active' and c.item_id is null and n.status = 'claimed' order by c.id limit 1`);
  await db().execute(
    sql`update claims set claimed_at = linli_now() - interval '20 days', due_at = linli_now() - interval '6 days' where id = ${claim!.id}`,
  );
  return claim!.id;
}

const expiries = async (claimId: string) =>
  Number(
    (
      await db().execute<{ n: string }>(
        sql`select count(*)::text as n from audit_events where action = 'claim.expire' and data->>'claimId' = ${claimId}`,
      )
    )[0]!.n,
  );

let a: Instance;
let b: Instance;
let firstOverdue = "";

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  firstOverdue = await overdueClaim();
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});
afterAll(async () => {
  for (const instance of [a, b]) if (instance?.child.exitCode === null) instance.child.kill("SIGTERM");
  await Promise.all([a?.exited, b?.exited]);
});

describe("two instances on the same services", () => {
  it("empties the other instance's page caches (anonymous and signed-in) at once when a write goes through one", async () => {
    const resident = new Client(a.base);
    expect((await resident.login("jumin@demo.linli.local")).status).toBe(200);
    const me = (await (await resident.get("/api/me")).json()) as { memberships: { role: string; communityId: string }[] };
    const title = `两台实例之间的心愿 ${Date.now()}`;
    const created = await resident.post("/api/needs", {
      kind: "micro_wish",
      title,
      description: "想请人帮忙换一下门口的灯泡",
      communityId: me.memberships.find((m) => m.role === "resident")!.communityId,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // (Signing in is a write: before B keeps anything.)
    const staff = new Client(a.base);
    expect((await staff.login("shequ@demo.linli.local")).status).toBe(200);

    // B keeps its home page (the newest public wishes) in its cache. A's NOTIFY for the sign-in above
    // reaches B a moment later and may empty what B kept first: B must keep the page once it has.
    const visitor = new Client(b.base);
    const keptBy = async (get: () => Promise<Response>) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        await (await get()).arrayBuffer();
        const again = await get();
        if (again.headers.get("x-cache") === "hit") return again;
        await again.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("the page was never served from B's cache");
    };
    const kept = await keptBy(() => visitor.get("/"));
    expect(kept.headers.get("x-cache")).toBe("hit");
    expect(await kept.text()).not.toContain(title);

    // The staff's review queue, read through B signed in: kept for their session.
    const staffOnB = (path: string) => fetch(`${b.base}${path}`, { headers: { Cookie: staff.cookieHeader() } });
    const queued = await keptBy(() => staffOnB("/review"));
    expect(queued.headers.get("x-cache")).toBe("hit");
    expect(await queued.text()).toContain(title);

    // Staff approve through A; B's very next anonymous request renders afresh, with the wish, and so does the staff's page.
    expect((await staff.post(`/api/needs/${id}/transitions`, { action: "approve" })).status).toBe(200);
    const after = await visitor.get("/");
    expect(after.headers.get("x-cache")).toBe("miss");
    expect(await after.text()).toContain(title);
    const reviewed = await staffOnB("/review");
    expect(reviewed.headers.get("x-cache")).toBe("miss");
    expect(await reviewed.text()).not.toContain(title);
  });

  it("runs the background jobs on one instance only, and each job's work once", async () => {
    const leader = await waitFor("a leader", leaderPid, 10_000);
    expect([a.pid, b.pid]).toContain(leader);
    const follower = leader === a.pid ? b : a;
    // Only the leader started the jobs; the other has been trying for the lock since.
    await new Promise((r) => setTimeout(r, 3500));
    expect(await leaderPid()).toBe(leader);
    const starts = [a, b].filter((i) => i.output().includes("leadership: this process runs the background jobs"));
    expect(starts.map((i) => i.pid)).toEqual([leader]);
    expect(follower.output()).not.toContain("runs the background jobs");
    // The claim made overdue before they started: returned to the wall once, audited once.
    await waitFor("the overdue claim expired", async () => (await expiries(firstOverdue)) > 0, 10_000);
    expect(await expiries(firstOverdue)).toBe(1);
    const [claim] = await db().execute<{ status: string }>(sql`select status from claims where id = ${firstOverdue}`);
    expect(claim!.status).toBe("expired");
  });

  it("counts login failures through both instances towards one limit (the throttle is in the database)", async () => {
    const login = "jumin2@demo.linli.local";
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      const through = i % 2 ? a : b;
      const res = await new Client(through.base).login(login, "not-the-password");
      expect(res.status).toBe(401);
    }
    const [failures] = await db().execute<{ n: string }>(sql`
      select count(*)::text as n from login_failures where login = ${login}`);
    expect(Number(failures!.n)).toBe(ACCOUNT_FAILURE_LIMIT);
    // Locked on both: even the right password is refused, through either instance.
    for (const through of [a, b]) expect((await new Client(through.base).login(login, DEMO_PASSWORD)).status).toBe(429);
  });

  it("hands the jobs over within 10 s when the leader dies", async () => {
    const leader = (await leaderPid())!;
    const [dead, survivor] = leader === a.pid ? [a, b] : [b, a];
    const secondOverdue = await overdueClaim();
    expect(secondOverdue).not.toBe(firstOverdue);
    const killedAt = Date.now();
    dead.child.kill("SIGKILL");
    await dead.exited;
    await waitFor("the survivor leading", async () => (await leaderPid()) === survivor.pid, 10_000);
    await waitFor(
      "the survivor's jobs expiring the new overdue claim",
      async () => (await expiries(secondOverdue)) > 0,
      10_000 - (Date.now() - killedAt),
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await expiries(secondOverdue)).toBe(1);
    expect(survivor.output()).toContain("leadership: this process runs the background jobs");
    // The survivor still serves.
    expect((await fetch(`${survivor.base}/healthz`)).status).toBe(200);
  });
});
