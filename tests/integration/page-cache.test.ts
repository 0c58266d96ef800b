// The in-process cache of anonymous public pages (app/lib/page-cache.server.ts): through the real
// Express + Remix stack, and on a small Express app for the cases the app has no route for.
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "#db/seed";
import { db } from "~/lib/db.server";
import { createPageCache } from "~/lib/page-cache.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
import { withSearchUnreachable } from "../setup/search";
import { seedDemo } from "../setup/seed";

describe("through the app's own server", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
    server = await startTestServer();
  });
  afterAll(() => server.close());
  // A page is kept once it has been sent whole, and a compressed page's body leaves after its headers:
  // each anonymous answer is read to its end before the test goes on, as a browser would.
  const anonymous = () => {
    const client = new Client(server.base);
    return {
      get: async (path: string, headers?: Record<string, string>) => {
        const res = await client.get(path, headers);
        const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, headers: res.headers });
      },
    };
  };

  it("serves an anonymous public page from the cache on the second request, each time with a fresh CSP nonce", async () => {
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const first = await anonymous().get("/about?t=first");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("miss");
    const html = await first.text();
    expect(html).toContain("关于邻里");
    const firstNonce = nonceOf(first)!;
    expect(html).toContain(`nonce="${firstNonce}"`);
    const seen = new Set([firstNonce]);
    for (let i = 0; i < 3; i++) {
      const again = await anonymous().get("/about?t=first");
      expect(again.status).toBe(200);
      expect(again.headers.get("x-cache")).toBe("hit");
      expect(again.headers.get("cache-control")).toMatch(/^public/);
      expect(again.headers.get("content-type")).toMatch(/text\/html/);
      // The kept page with this response's own nonce, in the header and on every script; the old one nowhere.
      const nonce = nonceOf(again)!;
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      const body = await again.text();
      expect(body).toBe(html.split(firstNonce).join(nonce));
      expect(body).not.toContain(firstNonce);
      expect([...body.matchAll(/<script\b([^>]*)>/g)].every(([, attrs]) => attrs!.includes(`nonce="${nonce}"`))).toBe(true);
      // No validator: a 304 would pair the browser's stored copy (old nonce) with a new policy.
      expect(again.headers.get("etag")).toBeNull();
    }
    const revalidated = await anonymous().get("/about?t=first", { "If-None-Match": "*" });
    expect(revalidated.status).toBe(200);
  });

  it("never serves an anonymous page to a signed-in visitor, nor a signed-in page to anyone else", async () => {
    await anonymous().get("/about?t=signed-in");
    const resident = new Client(server.base);
    expect((await resident.login("jumin@demo.linli.local")).status).toBe(200);
    const mine = await resident.get("/about?t=signed-in");
    expect(mine.status).toBe(200);
    // Rendered for this session (the anonymous entry is not theirs), and kept for it alone.
    expect(mine.headers.get("x-cache")).toBe("miss");
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const { displayName } = (await (await resident.get("/api/me")).json()) as { displayName: string };
    expect(await mine.text()).toContain(displayName);

    // A page only the signed-in visitor asked for is not in the cache for the next anonymous one, nor another session.
    await (await resident.get("/about?t=signed-in-only")).arrayBuffer();
    expect((await resident.get("/about?t=signed-in-only")).headers.get("x-cache")).toBe("hit");
    const next = await anonymous().get("/about?t=signed-in-only");
    expect(next.headers.get("x-cache")).toBe("miss");
    expect(await next.text()).not.toContain(displayName);
    const other = new Client(server.base);
    expect((await other.login("zhiyuanzhe@demo.linli.local")).status).toBe(200);
    const theirs = await other.get("/about?t=signed-in-only");
    expect(theirs.headers.get("x-cache")).toBe("miss");
    expect(await theirs.text()).not.toContain(displayName);
  });

  describe("signed-in pages, per session", () => {
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const signedIn = async (login = "jumin@demo.linli.local") => {
      const client = new Client(server.base);
      expect((await client.login(login)).status).toBe(200);
      return client;
    };
    const sessionOf = (client: Client) => /linli_session=([^;]+)/.exec(client.cookieHeader())![1]!;

    it("answers a session's second request from the cache, with its own nonce and no validator", async () => {
      const resident = await signedIn();
      const first = await resident.get("/wishes?t=session");
      expect(first.status).toBe(200);
      expect(first.headers.get("x-cache")).toBe("miss");
      const html = await first.text();
      const firstNonce = nonceOf(first)!;
      expect(html).toContain(`nonce="${firstNonce}"`);
      for (let i = 0; i < 2; i++) {
        const again = await resident.get("/wishes?t=session", { "If-None-Match": "*" });
        expect(again.status).toBe(200);
        expect(again.headers.get("x-cache")).toBe("hit");
        expect(again.headers.get("cache-control")).toBe("private, no-store");
        expect(again.headers.get("etag")).toBeNull();
        // The app's internal word to the cache never leaves the server.
        expect(again.headers.get("x-linli-session-page-until")).toBeNull();
        const nonce = nonceOf(again)!;
        expect(nonce).not.toBe(firstNonce);
        const body = await again.text();
        expect(body).not.toContain(firstNonce);
        expect(body).toBe(html.split(firstNonce).join(nonce));
      }
      expect(first.headers.get("x-linli-session-page-until")).toBeNull();
    });

    it("does not keep a degraded page (the wish wall while search is down)", async () => {
      const resident = await signedIn();
      await withSearchUnreachable(async () => {
        await (await resident.get("/wishes?q=%E7%81%AF&t=degraded")).arrayBuffer();
        const again = await resident.get("/wishes?q=%E7%81%AF&t=degraded");
        expect(again.status).toBe(200);
        expect(again.headers.get("x-cache")).toBeNull();
        expect(again.headers.get("cache-control")).toBe("no-store");
      });
      // The same wall, answered in full, is kept.
      await (await resident.get("/wishes?t=degraded")).arrayBuffer();
      expect((await resident.get("/wishes?t=degraded")).headers.get("x-cache")).toBe("hit");
    });

    it("never caches a page whose route did not opt in", async () => {
      const resident = await signedIn();
      for (const path of ["/my/wishes", "/account", "/notifications", "/api/me"]) {
        await (await resident.get(path)).arrayBuffer();
        const again = await resident.get(path);
        expect(again.status, path).toBe(200);
        expect(again.headers.get("x-cache"), path).toBeNull();
      }
    });

    it("is emptied by any write, logout included", async () => {
      const resident = await signedIn();
      // (Signing in is a write too: before the page is kept.)
      const volunteer = await signedIn("zhiyuanzhe@demo.linli.local");
      await (await resident.get("/about?t=post")).arrayBuffer();
      expect((await resident.get("/about?t=post")).headers.get("x-cache")).toBe("hit");
      // Another user's POST (a refused one changes nothing and keeps the cache).
      expect((await volunteer.form("/set-language", new URLSearchParams({ locale: "xx" }))).status).toBe(400);
      expect((await resident.get("/about?t=post")).headers.get("x-cache")).toBe("hit");
      const changed = await volunteer.form("/set-language", new URLSearchParams({ locale: "zh-CN", returnTo: "/" }));
      expect(changed.status).toBe(302);
      await changed.arrayBuffer();
      expect((await resident.get("/about?t=post")).headers.get("x-cache")).toBe("miss");

      // After logout, the old cookie (kept by an attacker, say) is never answered from the cache.
      const cookie = resident.cookieHeader();
      await (await resident.get("/about?t=logout")).arrayBuffer();
      expect((await resident.get("/about?t=logout")).headers.get("x-cache")).toBe("hit");
      const out = await resident.form("/logout", new URLSearchParams());
      expect(out.status).toBe(302);
      await out.arrayBuffer();
      for (let i = 0; i < 2; i++) {
        const stale = await fetch(`${server.base}/about?t=logout`, { headers: { Cookie: cookie } });
        expect(stale.headers.get("x-cache")).not.toBe("hit");
        expect(await stale.text()).not.toContain("退出登录");
      }
    });

    it("never answers a forged session cookie from the cache", async () => {
      const resident = await signedIn();
      const session = sessionOf(resident);
      await (await resident.get("/review?t=forged")).arrayBuffer();
      await (await resident.get("/about?t=forged")).arrayBuffer();
      expect((await resident.get("/about?t=forged")).headers.get("x-cache")).toBe("hit");
      const forged = session.slice(0, -1) + (session.endsWith("a") ? "b" : "a");
      for (const cookie of [
        `linli_session=${forged}`,
        `linli_session=${session}x`,
        `linli_session=`,
        `linli_session=${forged}; linli_session=${session}`,
      ]) {
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${server.base}/about?t=forged`, { headers: { Cookie: cookie } });
          expect(res.headers.get("x-cache"), cookie).not.toBe("hit");
          await res.arrayBuffer();
        }
      }
    });

    it("never answers from the cache past the session's own expiry", async () => {
      const resident = await signedIn();
      const session = sessionOf(resident);
      // The session ends in a moment, and nothing announces it (as when its time simply runs out).
      await db().execute(sql`update sessions set expires_at = now() + interval '1500 milliseconds' where id = ${session}`);
      await (await resident.get("/about?t=expiry")).arrayBuffer();
      expect((await resident.get("/about?t=expiry")).headers.get("x-cache")).toBe("hit");
      await new Promise((resolve) => setTimeout(resolve, 1700));
      const after = await resident.get("/about?t=expiry");
      expect(after.headers.get("x-cache")).not.toBe("hit");
      expect(await after.text()).not.toContain("退出登录");
    });
  });

  it("keeps languages and display preferences apart", async () => {
    const zh = await anonymous().get("/about?t=lang");
    expect(await zh.text()).toContain("关于邻里");
    const en = await anonymous().get("/about?t=lang", { Cookie: "lng=en" });
    expect(en.headers.get("x-cache")).toBe("miss");
    expect(await en.text()).toContain("About Linli");
    const enAgain = await anonymous().get("/about?t=lang", { Cookie: "lng=en" });
    expect(enAgain.headers.get("x-cache")).toBe("hit");
    expect(await enAgain.text()).toContain("About Linli");
    const zhAgain = await anonymous().get("/about?t=lang");
    expect(zhAgain.headers.get("x-cache")).toBe("hit");
    expect(await zhAgain.text()).not.toContain("About Linli");
    expect((await anonymous().get("/about?t=lang", { Cookie: "text_size=large; lng=en" })).headers.get("x-cache")).toBe("miss");
    expect((await anonymous().get("/about?t=lang", { Cookie: "lng=en; text_size=large" })).headers.get("x-cache")).toBe("hit");
  });

  it("does not cache pages that are not public, nor API answers that are not", async () => {
    for (const path of ["/login", "/api/me", "/healthz"]) {
      await anonymous().get(path);
      expect((await anonymous().get(path)).headers.get("x-cache"), path).toBeNull();
    }
  });

  it("drops cached pages after a write through the server", async () => {
    await anonymous().get("/about?t=write");
    expect((await anonymous().get("/about?t=write")).headers.get("x-cache")).toBe("hit");
    const login = await new Client(server.base).login("jumin@demo.linli.local");
    expect(login.status).toBe(200);
    // The write empties the cache once its answer has gone out whole.
    await login.arrayBuffer();
    expect((await anonymous().get("/about?t=write")).headers.get("x-cache")).toBe("miss");
  });
});

describe("on a small Express app", () => {
  let now = 0;
  const cache = createPageCache({ ttlMs: 10_000, maxEntries: 3, now: () => now });
  let base = "";
  let server: Server;
  let rendered = 0;
  beforeAll(async () => {
    const app = express();
    app.use(cache.middleware);
    app.get("/public", (req, res) => {
      rendered++;
      res
        .set("Cache-Control", "public, max-age=60")
        .type("html")
        .send(`<p>${req.query.n ?? ""} ${rendered}</p>`);
    });
    app.get("/streamed", (_req, res) => {
      rendered++;
      res.set("Cache-Control", "public, max-age=60").type("html");
      res.write("<p>one ");
      setTimeout(() => res.end(`two ${rendered}</p>`), 5);
    });
    app.get("/sets-cookie", (_req, res) => {
      rendered++;
      res.set("Cache-Control", "public, max-age=60").cookie("visited", String(rendered)).type("html").send(`<p>${rendered}</p>`);
    });
    app.get("/short", (_req, res) => {
      rendered++;
      res.set("Cache-Control", "public, max-age=2").type("html").send(`<p>${rendered}</p>`);
    });
    app.get("/not-found", (_req, res) => {
      res.status(404).set("Cache-Control", "public, max-age=60").send("missing");
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it("never caches a response that sets a cookie", async () => {
    const first = await get("/sets-cookie");
    expect(first.headers.get("set-cookie")).toMatch(/^visited=/);
    expect(first.headers.get("x-cache")).toBeNull();
    const second = await get("/sets-cookie");
    expect(second.headers.get("x-cache")).toBeNull();
    expect(await second.text()).not.toBe(await first.text());
  });

  it("keeps a streamed body whole, and serves HEAD from it", async () => {
    const first = await (await get("/streamed")).text();
    const hit = await get("/streamed");
    expect(hit.headers.get("x-cache")).toBe("hit");
    expect(await hit.text()).toBe(first);
    const head = await fetch(`${base}/streamed`, { method: "HEAD" });
    expect(head.headers.get("x-cache")).toBe("hit");
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(first));
  });

  it("does not keep error statuses, and skips requests with a session cookie", async () => {
    await get("/not-found");
    expect((await get("/not-found")).headers.get("x-cache")).toBeNull();
    await get("/public?n=session");
    expect((await get("/public?n=session", { Cookie: "linli_session=abc" })).headers.get("x-cache")).toBeNull();
  });

  it("expires entries after the TTL or the response's own max-age, whichever is shorter", async () => {
    now = 1_000_000;
    await get("/short");
    now += 1_500;
    expect((await get("/short")).headers.get("x-cache")).toBe("hit");
    now += 1_000;
    expect((await get("/short")).headers.get("x-cache")).toBe("miss");
    await get("/public?n=ttl");
    now += 9_000;
    expect((await get("/public?n=ttl")).headers.get("x-cache")).toBe("hit");
    now += 2_000;
    expect((await get("/public?n=ttl")).headers.get("x-cache")).toBe("miss");
  });

  it("holds at most its maximum number of entries, dropping the least recently used", async () => {
    cache.clear();
    for (const n of [1, 2, 3]) await get(`/public?n=lru${n}`);
    expect((await get("/public?n=lru1")).headers.get("x-cache")).toBe("hit");
    await get("/public?n=lru4");
    expect(cache.stats().entries).toBe(3);
    expect((await get("/public?n=lru2")).headers.get("x-cache")).toBe("miss");
    expect((await get("/public?n=lru1")).headers.get("x-cache")).toBe("hit");
  });
});

// The session cache's rules on their own, with a clock the test moves: the app's marks
// (res.locals.sessionPageUntil, as scripts/server.ts sets it from entry.server.tsx's header) are set by hand.
describe("signed-in pages on a small Express app", () => {
  let now = 0;
  const cache = createPageCache({ ttlMs: 10_000, sessionTtlMs: 4_000, now: () => now });
  let base = "";
  let server: Server;
  let rendered = 0;
  // The session "a" ends at sessionEnds; any other session is unknown.
  let sessionEnds = 0;
  const mark = (req: express.Request, res: express.Response) => {
    if (/linli_session=a(;|$)/.test(req.get("cookie") ?? "")) res.locals.sessionPageUntil = sessionEnds;
  };
  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = `nonce${String(++rendered).padStart(6, "0")}`;
      next();
    });
    app.use(cache.middleware);
    app.get("/page", (req, res) => {
      mark(req, res);
      res.set("Cache-Control", "private, no-store").type("html").send(`<script nonce="${res.locals.cspNonce}"></script><p>${rendered}</p>`);
    });
    app.get("/unmarked", (_req, res) => {
      res.set("Cache-Control", "private, no-store").type("html").send(`<p>${rendered}</p>`);
    });
    app.get("/sets-cookie", (req, res) => {
      mark(req, res);
      res.cookie("seen", String(rendered)).type("html").send(`<p>${rendered}</p>`);
    });
    app.get("/not-found", (req, res) => {
      mark(req, res);
      res.status(404).type("html").send(`<p>${rendered}</p>`);
    });
    app.post("/write", (_req, res) => res.status(204).end());
    app.post("/refused", (_req, res) => res.status(403).end());
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    cache.clear();
    now = 5_000_000;
    sessionEnds = now + 60_000;
  });
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
  const state = async (path: string, cookie?: string) => (await get(path, cookie)).headers.get("x-cache");

  it("serves a session its own page again, with the nonce of each response, never a 304", async () => {
    const first = await get("/page", "linli_session=a");
    expect(first.headers.get("x-cache")).toBe("miss");
    const html = await first.text();
    const hit = await get("/page", "linli_session=a", { "If-None-Match": "*" });
    expect(hit.status).toBe(200);
    expect(hit.headers.get("x-cache")).toBe("hit");
    expect(hit.headers.get("etag")).toBeNull();
    const body = await hit.text();
    const [, oldNonce] = /nonce="([^"]+)"/.exec(html)!;
    const [, newNonce] = /nonce="([^"]+)"/.exec(body)!;
    expect(newNonce).not.toBe(oldNonce);
    expect(body).toBe(html.replace(oldNonce!, newNonce!));
    expect(cache.stats().sessionEntries).toBe(1);
  });

  it("never serves it to another session, to an anonymous visitor, or with other cookies", async () => {
    await get("/page", "linli_session=a");
    expect(await state("/page", "linli_session=a")).toBe("hit");
    expect(await state("/page", "linli_session=b")).toBeNull();
    expect(await state("/page")).toBeNull();
    expect(await state("/page", "linli_session=a; lng=en")).toBe("miss");
    expect(await state("/page", "linli_session=a")).toBe("hit");
  });

  it("keeps it at most the session TTL, and never past the session's expiry", async () => {
    await get("/page", "linli_session=a");
    now += 3_900;
    expect(await state("/page", "linli_session=a")).toBe("hit");
    now += 200;
    expect(await state("/page", "linli_session=a")).toBe("miss");
    sessionEnds = now + 1_000;
    await get("/page?ends=soon", "linli_session=a");
    now += 900;
    expect(await state("/page?ends=soon", "linli_session=a")).toBe("hit");
    now += 100;
    expect(await state("/page?ends=soon", "linli_session=a")).not.toBe("hit");
    // A session already over is never stored.
    cache.clear();
    sessionEnds = now - 1;
    await get("/page?ended", "linli_session=a");
    expect(await state("/page?ended", "linli_session=a")).not.toBe("hit");
    expect(cache.stats().sessionEntries).toBe(0);
  });

  it("is emptied by any write that succeeds", async () => {
    await get("/page", "linli_session=a");
    await fetch(`${base}/refused`, { method: "POST" });
    expect(await state("/page", "linli_session=a")).toBe("hit");
    await fetch(`${base}/write`, { method: "POST", headers: { Cookie: "linli_session=b" } });
    expect(await state("/page", "linli_session=a")).toBe("miss");
  });

  it("never keeps a page the app did not mark, one that sets a cookie, or an error", async () => {
    for (const path of ["/unmarked", "/sets-cookie", "/not-found"]) {
      await get(path, "linli_session=a");
      expect(await state(path, "linli_session=a"), path).toBeNull();
    }
    expect(cache.stats().sessionEntries).toBe(0);
  });
});
