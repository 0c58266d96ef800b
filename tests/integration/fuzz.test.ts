// Property-based fuzzing of every API route (app/routes/api.*.ts) and every page action, as anonymous
// and as several personas: generated query strings and bodies (JSON, broken JSON, forms) with real
// and random ids. Nothing answers 500, and an answer in the 4xx range changed nothing (a digest of
// the row counts and row versions of the main tables is the same before and after).
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";
import { drainOutbox } from "~/modules/search/outbox-relay.server";
import { ensureIndexes } from "~/modules/search/search-indexes.server";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
// Tables whose rows a refused request must leave alone (login_failures and login_address_limits count refusals on purpose).
const WATCHED = [
  "users",
  "sessions",
  "memberships",
  "invitations",
  "organisations",
  "agreements",
  "offers",
  "needs",
  "need_items",
  "claims",
  "attachments",
  "activities",
  "activity_signups",
  "attendances",
  "hour_entries",
  "hour_entry_reviews",
  "hour_correction_requests",
  "audit_events",
  "notifications",
  "search_outbox",
  "idempotency_keys",
];

/** "api.needs.$id.transitions.ts" → ["api", "needs", ":id", "transitions"]; "_index" and pathless "x_" segments as Remix reads them. */
function routeSegments(file: string): string[] {
  return file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? `:${s.slice(1) || "splat"}` : s.replace(/_$/, "").replace(/\u0001/g, ".")));
}

// Each API route with the methods it has code for (GET: a loader; the others: an action). A method a
// route has no code for is Remix's own 405, which only clutters the log.
const apiRoutes = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /^api\..*\.ts$/.test(f))
  .flatMap((f) => {
    const source = fs.readFileSync(path.join(ROUTES_DIR, f), "utf8");
    const methods = [
      ...(/export (async )?function loader/.test(source) ? ["GET"] : []),
      ...(/export (async )?function action/.test(source) ? ["POST", "PATCH", "DELETE", "PUT"] : []),
    ];
    return methods.length ? [{ segments: routeSegments(f), methods }] : [];
  });
const pageActions = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => f.endsWith(".tsx") && /export (async )?function action/.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8")))
  // Signing out would end the persona's session for the rest of the run; it takes no input anyway.
  .filter((f) => f !== "logout.tsx")
  .map(routeSegments);

let server: Awaited<ReturnType<typeof startTestServer>>;
const personas: Record<string, Client> = {};
const realIds: Record<string, string[]> = {};

async function ids(query: ReturnType<typeof sql>): Promise<string[]> {
  return (await db().execute<{ id: string }>(query)).map((r) => r.id);
}

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  await ensureIndexes();
  await drainOutbox();
  server = await startTestServer({ pageCache: false });
  personas.anonymous = new Client(server.base);
  for (const [name, login] of [
    ["resident", "jumin"],
    ["staff", "shequ"],
    ["orgAdmin", "yinhang"],
    ["teamAdmin", "duizhang"],
    ["volunteer", "zhiyuanzhe"],
  ] as const) {
    const client = new Client(server.base);
    expect((await client.login(`${login}@demo.linli.local`)).status).toBe(200);
    personas[name] = client;
  }
  realIds.needs = await ids(sql`select id from needs order by id limit 8`);
  realIds.wishes = realIds.needs;
  realIds.offers = await ids(sql`select id from offers order by id limit 5`);
  realIds.activities = await ids(sql`select id from activities order by id limit 5`);
  realIds.organisations = await ids(sql`select id from organisations order by id limit 5`);
  realIds.agreements = await ids(sql`select id from agreements order by id limit 5`);
  realIds["hour-entries"] = await ids(sql`select id from hour_entries order by id limit 5`);
  realIds["hour-corrections"] = await ids(sql`select id from hour_correction_requests order by id limit 5`);
  realIds.volunteers = await ids(sql`select user_id as id from memberships where role = 'volunteer' order by user_id limit 5`);
  realIds.communities = await ids(sql`select id from communities order by id limit 5`);
  realIds.streets = await ids(sql`select id from streets order by id limit 3`);
});
afterAll(() => server.close());

async function digest(): Promise<string> {
  const parts = WATCHED.map(
    (t) => sql`select ${t} as t, count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as v from ${sql.identifier(t)}`,
  );
  const rows = await db().execute<{ t: string; n: string; v: string }>(sql.join(parts, sql` union all `));
  return rows.map((r) => `${r.t}:${r.n}:${r.v}`).join(" ");
}

const allIds = () => Object.values(realIds).flat();
const randomUuid = fc.uuid();
const idFor = (segment: string) =>
  fc.oneof(
    { weight: 3, arbitrary: realIds[segment]?.length ? fc.constantFrom(...realIds[segment]!) : randomUuid },
    { weight: 1, arbitrary: randomUuid },
    {
      weight: 1,
      arbitrary: fc.constantFrom("x", "0", "-1", "%00", "..", "%2e%2e", "null", "9".repeat(40), "41e993ed-0873-5142-96e1-4b1dfc2c310"),
    },
  );

// Values that broke things before (issue 14) among plain generated ones.
const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\u202e\u2066名字",
  "0000-01-01T00:00:00Z",
  "1900-01-01T00:00:00Z",
  "2100-12-31T23:59:59Z",
  "2026-11-30T09:00:00+08:00",
  "2026-02-31",
  "' or 1=1 --",
  "../../etc/passwd",
  "%00",
  "1e309",
  "-1",
  "99999999999999999999",
  Buffer.from(JSON.stringify(["1", "41e993ed-0873-5142-96e1-4b1dfc2c3109"])).toString("base64url"),
  Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "-".repeat(36)])).toString("base64url"),
  "o:999999",
  "claim",
  "approve",
  "micro_wish",
  "published",
  "environment",
  "resident",
  "",
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), nasty);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...["__ids__"]).chain(() => (allIds().length ? fc.constantFrom(...allIds()) : randomUuid)),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom("title", "id", "name", "description"), scalar, { maxKeys: 3 }),
  },
);
const FIELDS = [
  "kind",
  "title",
  "description",
  "category",
  "communityId",
  "items",
  "onBehalfOf",
  "contactPhone",
  "address",
  "action",
  "reason",
  "note",
  "itemId",
  "organisationId",
  "thanks",
  "rating",
  "idempotencyKey",
  "login",
  "password",
  "displayName",
  "email",
  "phone",
  "role",
  "consent",
  "type",
  "name",
  "streetId",
  "tags",
  "lat",
  "lng",
  "capacityPerMonth",
  "weekdays",
  "active",
  "startsAt",
  "endsAt",
  "capacity",
  "skills",
  "volunteerId",
  "checkIn",
  "checkOut",
  "proxy",
  "token",
  "ids",
  "activityId",
  "hourEntryId",
  "requestedStartsAt",
  "requestedEndsAt",
  "accept",
  "answer",
  "intent",
  "locale",
  "size",
  "returnTo",
  "redirectTo",
  "entryIds",
  "userId",
  "fullName",
  "offerId",
  "needId",
  "q",
];
const QUERY_KEYS = [
  "q",
  "cursor",
  "limit",
  "status",
  "community",
  "street",
  "kind",
  "category",
  "from",
  "to",
  "engine",
  "organisation",
  "active",
  "type",
  "org",
  "done",
  "redirectTo",
  "index",
];
const jsonBody = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const formBody = fc.dictionary(
  fc.constantFrom(...FIELDS),
  fc.oneof(
    text,
    fc.constantFrom(...["__ids__"]).chain(() => fc.constantFrom(...allIds())),
  ),
  { maxKeys: 8 },
);
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(text, randomUuid), { maxKeys: 4 });

function fill(segments: string[]) {
  return fc
    .tuple(...segments.map((s, i) => (s.startsWith(":") ? idFor(segments[i - 1] ?? "") : fc.constant(s))))
    .map((parts) => "/" + parts.map((p) => encodeURIComponent(p)).join("/"));
}

type Sent = { persona: string; method: string; url: string; body?: string };

async function sendAndCheck(sent: Sent, send: () => Promise<Response>) {
  const before = await digest();
  const res = await send();
  const body = await res.text();
  const label = `${sent.persona} ${sent.method} ${sent.url} ${sent.body ?? ""} → ${res.status} ${body.slice(0, 200)}`;
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) expect(await digest(), `a ${res.status} changed rows: ${label}`).toBe(before);
}

describe("fuzzing", () => {
  it("enumerates the routes it fuzzes", () => {
    expect(apiRoutes.length).toBeGreaterThan(30);
    expect(apiRoutes.some((r) => r.segments.join("/") === "api/needs/:id/transitions")).toBe(true);
    expect(pageActions.some((r) => r.join("/") === "wishes/:wishId")).toBe(true);
    expect(pageActions.length).toBeGreaterThan(10);
  });

  it("every API route: generated queries and bodies, every persona, no 500 and no change on a 4xx", async () => {
    const request = fc
      .record({
        persona: fc.constantFrom(...Object.keys(personas)),
        route: fc
          .constantFrom(...apiRoutes)
          .chain((route) => fc.record({ segments: fc.constant(route.segments), method: fc.constantFrom(...route.methods) })),
        query,
        body: jsonBody,
      })
      .chain((r) => fill(r.route.segments).map((url) => ({ ...r, method: r.route.method, url })));
    await fc.assert(
      fc.asyncProperty(request, async ({ persona, method, url, query: q, body }) => {
        const search = new URLSearchParams(q).toString();
        const full = `${url}${search ? `?${search}` : ""}`;
        const withBody = method !== "GET";
        await sendAndCheck({ persona, method, url: full, body: withBody ? body : undefined }, () =>
          personas[persona]!.raw(method, full, withBody ? body : undefined, withBody ? { "Content-Type": "application/json" } : {}),
        );
      }),
      { numRuns: 220, interruptAfterTimeLimit: 20_000 },
    );
  });

  it("every page action: generated form posts, every persona, no 500 and no change on a 4xx", async () => {
    const request = fc
      .record({
        persona: fc.constantFrom(...Object.keys(personas)),
        route: fc.constantFrom(...pageActions),
        form: formBody,
        data: fc.boolean(),
      })
      .chain((r) => fill(r.route).map((url) => ({ ...r, url })));
    await fc.assert(
      fc.asyncProperty(request, async ({ persona, url, form, data }) => {
        // With JavaScript Remix posts to the same path plus ".data".
        const target = data ? `${url === "/" ? "/_root" : url}.data` : url;
        await sendAndCheck({ persona, method: "POST", url: target, body: new URLSearchParams(form).toString() }, () =>
          personas[persona]!.form(target, new URLSearchParams(form)),
        );
      }),
      { numRuns: 120, interruptAfterTimeLimit: 15_000 },
    );
  });
});
