// The in-process cache of anonymous public pages (app/lib/page-cache.server.ts): through the real
// Express + Remix stack, and on a small Express app for the cases the app has no route for.
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "#db/seed";
import { createPageCache } from "~/lib/page-cache.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { Client, startTestServer } from "../setup/http";
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

  it("never serves a cached page to a signed-in visitor, nor stores theirs", async () => {
    await anonymous().get("/about?t=signed-in");
    const resident = new Client(server.base);
    expect((await resident.login("jumin@demo.linli.local")).status).toBe(200);
    const mine = await resident.get("/about?t=signed-in");
    expect(mine.status).toBe(200);
    expect(mine.headers.get("x-cache")).toBeNull();
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const { displayName } = (await (await resident.get("/api/me")).json()) as { displayName: string };
    expect(await mine.text()).toContain(displayName);

    // A page only the signed-in visitor asked for is not in the cache for the next anonymous one.
    expect((await resident.get("/about?t=signed-in-only")).headers.get("x-cache")).toBeNull();
    const next = await anonymous().get("/about?t=signed-in-only");
    expect(next.headers.get("x-cache")).toBe("miss");
    expect(await next.text()).not.toContain(displayName);
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
