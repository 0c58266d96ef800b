// While PostgreSQL cannot be reached: pages answer a friendly 503 page in the visitor's language, the
// API its documented `unavailable` error, /healthz 503; and everything works again once it is back.
import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { closeDb, db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { freePort } from "../../scripts/services/supervisor";
import { Client, startTestServer } from "../setup/http";
import { seedDemo } from "../setup/seed";

let server: Awaited<ReturnType<typeof startTestServer>>;
let resident: Client;
let staff: Client;
let communityId = "";

/**
 * A TCP proxy in front of this file's PostgreSQL: the app (and its bundled copy of the db module)
 * connects through it, so "away" can cut every open connection and refuse new ones, as a stopped
 * server would, without stopping the server other test files share.
 */
class DatabaseLink {
  private server = net.createServer((client) => this.accept(client));
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  private accept(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  up(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, "127.0.0.1", () => resolve()));
  }

  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

let link: DatabaseLink;

async function withDatabaseAway(run: () => Promise<void>) {
  await link.down();
  try {
    await run();
  } finally {
    await link.up();
  }
}

beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  const [community] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  communityId = community!.id;
  const real = new URL(process.env.DATABASE_URL!);
  link = new DatabaseLink({ host: real.hostname, port: Number(real.port) });
  link.port = await freePort();
  await link.up();
  real.port = String(link.port);
  await closeDb();
  process.env.DATABASE_URL = real.toString();
  resetEnvCache();
  // No page may come from the cache here: every request must reach the database.
  server = await startTestServer({ pageCache: false });
  resident = new Client(server.base);
  staff = new Client(server.base);
  expect((await resident.login("jumin@demo.linli.local")).status).toBe(200);
  expect((await staff.login("shequ@demo.linli.local")).status).toBe(200);
});
afterAll(async () => {
  await server.close();
  await link.up().catch(() => {});
});

const PUBLIC_PAGES = ["/", "/wishes", "/showcase", "/showcase/honour-roll", "/organisations", "/activities", "/signup"];
const SIGNED_IN_PAGES = ["/account", "/my/hours", "/notifications", "/review", "/wishes/new", "/residents/new", "/invitations", "/org"];

describe("while the database is away", () => {
  it("pages answer a friendly 503 in the visitor's language, never a 500", async () => {
    await withDatabaseAway(async () => {
      const anonymous = new Client(server.base);
      for (const path of PUBLIC_PAGES) {
        const res = await anonymous.get(path);
        expect(res.status, path).toBe(503);
        const html = await res.text();
        expect(html, path).toContain("服务暂时不可用");
        expect(html, path).not.toMatch(/at \w+ \(|node_modules|ECONNREFUSED/);
      }
      const english = await anonymous.get("/wishes", { Cookie: "lng=en" });
      expect(english.status).toBe(503);
      expect(await english.text()).toContain("Temporarily unavailable");
      for (const [client, path] of [...SIGNED_IN_PAGES.map((p) => [resident, p] as const), [staff, "/review"] as const]) {
        const res = await client.get(path);
        expect(res.status, path).toBe(503);
        expect(await res.text(), path).toContain("服务暂时不可用");
      }
    });
  });

  it("the API answers 503 unavailable, /healthz 503, and a static page still 200", async () => {
    await withDatabaseAway(async () => {
      const anonymous = new Client(server.base);
      for (const res of [
        await anonymous.get("/api/needs"),
        await anonymous.get("/api/showcase/summary"),
        await resident.get("/api/me"),
        await resident.post("/api/needs", { kind: "micro_wish", title: "停电时的心愿", communityId }),
        await anonymous.post("/api/session", { login: "jumin@demo.linli.local", password: DEMO_PASSWORD }),
      ]) {
        expect(res.status, res.url).toBe(503);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code, res.url).toBe("unavailable");
      }
      const health = await anonymous.get("/healthz");
      expect(health.status).toBe(503);
      expect(((await health.json()) as { db: string }).db).toBe("down");
      expect((await anonymous.get("/about")).status).toBe(200);
    });
  });

  it("everything works again once the database is back", async () => {
    expect((await new Client(server.base).get("/wishes")).status).toBe(200);
    expect((await resident.get("/account")).status).toBe(200);
    const posted = await resident.post("/api/needs", { kind: "micro_wish", title: "恢复后的心愿", communityId });
    expect(posted.status).toBe(201);
    expect((await new Client(server.base).get("/healthz")).status).toBe(200);
  });
});
