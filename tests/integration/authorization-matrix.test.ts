// Every route of the manifest × every role (and anonymous), checked against the access each route
// declares. A route without a declaration fails here, so no new route ships without a policy.
import { sql } from "drizzle-orm";
import { ensureIndexes } from "~/modules/search/search-indexes.server";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { db } from "~/lib/db.server";
import type { Audience, RouteAccess } from "~/lib/access";
import type { Role } from "~/modules/accounts/accounts.policy";
import { createSession } from "~/modules/accounts/auth.server";
import { importServerBuild } from "../../scripts/server";
import { seedDemo } from "../setup/seed";

const personas: { name: string; login: string | null; role: Role | null }[] = [
  { name: "anonymous", login: null, role: null },
  { name: "resident", login: "jumin@demo.linli.local", role: "resident" },
  // A volunteer in no team: only the volunteer role.
  { name: "volunteer", login: "volunteer005@demo.linli.local", role: "volunteer" },
  { name: "org_member", login: "volunteer001@demo.linli.local", role: "org_member" },
  { name: "org_admin", login: "yinhang@demo.linli.local", role: "org_admin" },
  { name: "community_staff", login: "shequ@demo.linli.local", role: "community_staff" },
  { name: "street_admin", login: "jiedao@demo.linli.local", role: "street_admin" },
  { name: "platform_admin", login: "admin@demo.linli.local", role: "platform_admin" },
];

let build: ServerBuild;
const userIds = new Map<string, string>();
const params: Record<string, string> = {};
/** The :id a route is called with, by the route's first path segment: a real record of the kind it expects. */
const idsByResource: Record<string, string> = {};

beforeAll(async () => {
  await seedDemo();
  // As at start-up: the search indexes exist (matching routes would answer 503 without them).
  await ensureIndexes();
  build = await importServerBuild();
  for (const p of personas) {
    if (!p.login) continue;
    const [user] = await db().execute<{ id: string }>(sql`select id from users where email = ${p.login}`);
    userIds.set(p.name, user!.id);
  }
  const [need] = await db().execute<{ id: string }>(sql`select id from needs where status = 'published' and kind = 'micro_wish' limit 1`);
  Object.assign(params, { id: need!.id, wishId: need!.id, token: "no-such-invitation", "*": "no-such-page" });
  const [place] = await db().execute<{ community: string; street: string }>(
    sql`select c.id as community, c.street_id as street from communities c where c.name = '沙柳北路社区'`,
  );
  const [org] = await db().execute<{ id: string }>(
    sql`select organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'yinhang@demo.linli.local'`,
  );
  const [offer] = await db().execute<{ id: string }>(sql`select id from offers where organisation_id = ${org!.id} limit 1`);
  const [agreement] = await db().execute<{ id: string }>(sql`select id from agreements where status = 'proposed' limit 1`);
  const [activity] = await db().execute<{ id: string }>(sql`select id from activities order by starts_at desc limit 1`);
  const [entry] = await db().execute<{ id: string; volunteer_id: string }>(
    sql`select id, volunteer_id from hour_entries where kind = 'attendance' limit 1`,
  );
  Object.assign(idsByResource, { activities: activity!.id, "hour-entries": entry!.id, volunteers: entry!.volunteer_id });
  // The check-in and venue-code pages (activities_.$id.*, not nested under the activity's page).
  idsByResource.activities_ = activity!.id;
  Object.assign(idsByResource, {
    communities: place!.community,
    streets: place!.street,
    organisations: org!.id,
    offers: offer!.id,
    agreements: agreement!.id,
  });
});

/** The status a loader or action answered with, whether it returned or threw. */
async function statusOf(run: () => Promise<unknown>): Promise<{ status: number; location: string | null }> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  const init = (result as { type?: string; init?: { status?: number } } | null)?.init;
  if ((result as { type?: string } | null)?.type === "DataWithResponseInit") return { status: init?.status ?? 200, location: null };
  if (result instanceof Error) return { status: 500, location: null };
  return { status: 200, location: null };
}

function refusedAsAnonymous(outcome: { status: number; location: string | null }) {
  return outcome.status === 401 || (outcome.status === 302 && !!outcome.location?.startsWith("/login"));
}

function allowedFor(audience: Audience, role: Role | null): boolean {
  if (audience === "public") return true;
  if (!role) return false;
  return audience === "user" || audience.includes(role);
}

function idFor(routeId: string): string {
  const resource = routeId.replace(/^routes\/(api\.)?/, "").split(".")[0]!;
  return idsByResource[resource] ?? params.id!;
}

function routePath(id: string): string {
  const path: string[] = [];
  for (let route = build.routes[id]; route; route = route.parentId ? build.routes[route.parentId] : undefined)
    if (route.path) path.unshift(route.path);
  return `/${path.join("/")}`
    .replace(/:(\w+)/g, (_, name: string) => (name === "id" ? idFor(id) : (params[name] ?? name)))
    .replace("*", params["*"]!);
}

describe("authorization matrix", () => {
  it("covers every route of the manifest with a declared policy", () => {
    const undeclared = Object.entries(build.routes)
      .filter(([, r]) => (r.module.loader || r.module.action) && !(r.module as { access?: RouteAccess }).access)
      .map(([id]) => id);
    expect(undeclared).toEqual([]);
    for (const [id, r] of Object.entries(build.routes)) {
      const access = (r.module as { access?: RouteAccess }).access ?? {};
      if (r.module.loader) expect(access.loader, `${id} loader`).toBeDefined();
      if (r.module.action) expect(access.action, `${id} action`).toBeDefined();
    }
  });

  it("gives each role exactly what each route declares", async () => {
    const failures: string[] = [];
    for (const [id, route] of Object.entries(build.routes)) {
      const access = (route.module as { access?: RouteAccess }).access ?? {};
      const path = routePath(id);
      for (const kind of ["loader", "action"] as const) {
        const fn = route.module[kind];
        const audience = access[kind];
        if (!fn || !audience) continue;
        for (const persona of personas) {
          const headers: Record<string, string> = { Accept: "application/json" };
          // A fresh session for every call: some actions (log out, delete account) end the one they ran with.
          const userId = userIds.get(persona.name);
          if (userId) headers.Cookie = (await createSession(new Request("http://localhost/"), userId)).split(";")[0]!;
          const init: RequestInit =
            kind === "action"
              ? { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: "{}" }
              : { method: "GET", headers };
          const request = new Request(`http://localhost${path}`, init);
          const outcome = await statusOf(
            () =>
              fn({
                request,
                params: { ...params, id: idFor(id) },
                context: { clientAddress: `matrix-${persona.name}` },
              }) as Promise<unknown>,
          );
          const allowed = allowedFor(audience, persona.role);
          const label = `${id} ${kind} as ${persona.name} → ${outcome.status}`;
          if (outcome.status >= 500) failures.push(`${label} (server error)`);
          // "user" routes check the object itself (this wish, this organisation): a 403 there is theirs to give.
          else if (allowed && (refusedAsAnonymous(outcome) || (outcome.status === 403 && audience !== "user")))
            failures.push(`${label} (should be allowed)`);
          else if (!allowed && !persona.role && !refusedAsAnonymous(outcome)) failures.push(`${label} (should ask to sign in)`);
          else if (!allowed && persona.role && outcome.status !== 403) failures.push(`${label} (should be 403)`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × persona in turn: about a minute on a busy two-core machine.
  }, 240_000);
});
