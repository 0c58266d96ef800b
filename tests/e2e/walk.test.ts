// The guard: for the anonymous visitor and every demo persona, on the phone viewport, start at home and follow every
// same-site link breadth-first (bounded), and check each page the way a person would meet it. Every problem found is
// listed, with the page that linked to it, in one failure per persona.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { serverBuildPath } from "../../scripts/server";
import zh from "~/locales/zh-CN.json";
import { phone } from "./support/browser";
import { ARTIFACTS_DIR } from "./support/global-setup";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

/** Pages per persona, at most. */
const MAX_PAGES = 60;
/** The first pages of a persona are all visited; after them, one page per route (a list and one of its items, not all). */
const FIRST_PAGES = 12;
/** Files (CSV, the personal data export, attachments): their answer is checked, at most this many per persona. */
const MAX_FILES = 8;
/** Not followed: signing out (its GET only redirects home, but the walk keeps the session it walks with). */
const NOT_FOLLOWED = new Set(["/logout"]);

const personas: { who: string; login: string | null }[] = [
  { who: "visitor (not signed in)", login: null },
  { who: "resident", login: "jumin@demo.linli.local" },
  { who: "phone-login resident", login: "13800000001" },
  { who: "community staff", login: "shequ@demo.linli.local" },
  { who: "bank partner", login: "yinhang@demo.linli.local" },
  { who: "team leader", login: "duizhang@demo.linli.local" },
  { who: "volunteer", login: "zhiyuanzhe@demo.linli.local" },
  { who: "street admin", login: "jiedao@demo.linli.local" },
  { who: "platform admin", login: "admin@demo.linli.local" },
];

// ---- Which route a URL names: the app's own route manifest (build/index.js) and React Router's matching. ----

type RouteNode = Parameters<typeof matchRoutes>[0][number];

let manifest: ServerBuild["routes"] | undefined;
const tree: RouteNode[] = [];

async function loadRoutes() {
  if (manifest) return;
  manifest = ((await import(serverBuildPath)) as ServerBuild).routes;
  const nodes = new Map<string, RouteNode>(
    Object.values(manifest).map((r) => [
      r.id,
      r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: [] },
    ]),
  );
  for (const r of Object.values(manifest)) {
    const node = nodes.get(r.id)!;
    if (!r.parentId) tree.push(node);
    else nodes.get(r.parentId)!.children!.push(node);
  }
}

/** The most specific route for a path, as the router ranks them (the splat route `routes/$` for an unknown one). */
function routeOf(pathname: string): string | null {
  return matchRoutes(tree, pathname)?.at(-1)?.route.id ?? null;
}

/** A resource route (a file or JSON: no component) is fetched, not rendered. */
const isResource = (routeId: string) => !manifest![routeId]?.module.default;

// ---- What is read from a page in the browser. ----

/** True once React has committed the hydrated tree (its root fiber has children). */
function hydrated(): boolean {
  const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"));
  const container = key ? (document as unknown as Record<string, { stateNode?: { current?: { child?: unknown } } }>)[key] : undefined;
  return Boolean(container?.stateNode?.current?.child);
}

interface PageFacts {
  title: string;
  h1: string[];
  text: string;
  /** The route the router matched: `<body data-route>` (app/root.tsx). */
  matchedRoute: string | null;
  /**
   * The deepest route that really rendered: the deepest route context React mounted. A parent route without an
   * <Outlet/> renders itself in place of its child, while the router still counts the child as matched.
   */
  renderedRoute: string | null;
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  links: { href: string; download: boolean }[];
}

function readFacts(): PageFacts {
  type Fiber = {
    child: Fiber | null;
    sibling: Fiber | null;
    memoizedProps?: { value?: { matches?: { route: { id: string } }[]; outlet?: unknown } };
  };
  const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"))!;
  const root = (document as unknown as Record<string, { stateNode: { current: Fiber } }>)[key]!.stateNode.current;
  let renderedRoute: string | null = null;
  let depth = 0;
  const stack: Fiber[] = [root];
  while (stack.length > 0) {
    const fiber = stack.pop()!;
    const value = fiber.memoizedProps?.value;
    // React Router's RouteContext: { outlet, matches } for each route it renders.
    if (value && typeof value === "object" && "outlet" in value && Array.isArray(value.matches) && value.matches.length > depth) {
      depth = value.matches.length;
      renderedRoute = value.matches[depth - 1]!.route.id;
    }
    if (fiber.sibling) stack.push(fiber.sibling);
    if (fiber.child) stack.push(fiber.child);
  }
  return {
    title: document.title,
    h1: Array.from(document.querySelectorAll("h1"), (h) => (h.textContent ?? "").trim()),
    text: `${document.title}\n${document.body.innerText}`,
    matchedRoute: document.body.dataset.route ?? null,
    renderedRoute,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    innerWidth: window.innerWidth,
    links: Array.from(document.querySelectorAll("a[href]"), (a) => ({
      href: (a as HTMLAnchorElement).href,
      download: a.hasAttribute("download"),
    })),
  };
}

// ---- English a Chinese reader should never see: error words, validation messages, stack traces, raw i18n keys. ----

const englishErrors: [RegExp, string][] = [
  [/\b(?:Error|Exception|TypeError|ReferenceError|Unexpected|Invalid|undefined|null|NaN)\b/, "an English error word"],
  [
    /\b(?:longer than|shorter than|must be|is required|Required|Too (?:small|big)|expected \w+|received \w+)\b/i,
    "an English validation message",
  ],
  [/\bat \S+ \(?\S+:\d+:\d+\)?/, "a stack trace"],
  [new RegExp(`(?<![\\w@./-])(?:${Object.keys(zh).join("|")})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`), "an untranslated i18n key"],
];

function englishIn(text: string): string[] {
  return englishErrors.flatMap(([pattern, what]) => {
    const found = pattern.exec(text);
    if (!found) return [];
    const around = text.slice(Math.max(0, found.index - 30), found.index + found[0].length + 30).replace(/\s+/g, " ");
    return [`${what} in Chinese mode: "${found[0]}" in "…${around}…"`];
  });
}

// ---- The walk. ----

interface Visit {
  url: URL;
  /** The page whose link led here (empty for the starting pages). */
  from: string;
}

const shortUrl = (url: URL | string) => {
  const u = typeof url === "string" ? new URL(url) : url;
  return u.pathname + u.search;
};
/** For the report: query values longer than an id (tokens) cut short. */
const readableUrl = (url: URL) => shortUrl(url).replace(/=([^&]{24})[^&]{17,}/g, "=$1…");

const screenshotsTaken = new Set<string>();
/** Every persona's problems, printed together at the end. */
const allProblems: string[] = [];

/**
 * Pages reached from outside the app's links: the venue code an organiser prints, whose URL is only in the QR image.
 * Asked of the API for the first activity of each organisation the persona runs.
 */
async function venueCodes(page: Page): Promise<Visit[]> {
  const me = await page.request.get(`${browser.base}/api/me`);
  if (!me.ok()) return [];
  const { memberships } = (await me.json()) as { memberships: { role: string; organisationId: string | null }[] };
  const organisations = new Set(memberships.flatMap((m) => (m.role === "org_admin" && m.organisationId ? [m.organisationId] : [])));
  const visits: Visit[] = [];
  for (const organisation of organisations) {
    const list = await page.request.get(`${browser.base}/api/activities?organisation=${organisation}&limit=1`);
    const activity = list.ok() ? ((await list.json()) as { items?: { id: string }[] }).items?.[0] : undefined;
    if (!activity) continue;
    const code = await page.request.get(`${browser.base}/api/activities/${activity.id}/venue-code`);
    if (code.ok())
      visits.push({ url: new URL(((await code.json()) as { url: string }).url), from: `the venue code of /activities/${activity.id}` });
  }
  return visits;
}

async function walk(page: Page): Promise<{ pages: number; files: number; problems: string[] }> {
  const base = new URL(browser.base);
  const problems: string[] = [];
  const consoleErrors: { text: string; url: string }[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push({ text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => consoleErrors.push({ text: `uncaught: ${error.message}`, url: "" }));

  const queued = new Set<string>();
  const perRoute = new Map<string, number>();
  const queue: Visit[] = [];
  let pages = 0;
  let files = 0;
  const enqueue = (href: string | URL, from: string) => {
    const url = new URL(href, base);
    url.hash = "";
    if (url.origin !== base.origin || NOT_FOLLOWED.has(url.pathname)) return;
    const key = shortUrl(url);
    if (queued.has(key)) return;
    const route = routeOf(url.pathname) ?? "(none)";
    const seen = perRoute.get(route) ?? 0;
    if (queued.size >= FIRST_PAGES && seen > 0) return;
    queued.add(key);
    perRoute.set(route, seen + 1);
    queue.push({ url, from });
  };
  const problem = (visit: Visit, what: string) => {
    problems.push(`${readableUrl(visit.url)}${visit.from ? `  (linked from ${visit.from})` : ""}\n      ${what}`);
  };

  enqueue(page.url(), "");
  enqueue("/", "");
  for (const code of await venueCodes(page)) enqueue(code.url, code.from);
  while (queue.length > 0 && pages < MAX_PAGES) {
    const visit = queue.shift()!;
    const expected = routeOf(visit.url.pathname);
    if (expected && isResource(expected)) {
      // A file or JSON: the link must answer, not render.
      if (files >= MAX_FILES) continue;
      files++;
      const response = await page.request.get(visit.url.href, { maxRedirects: 0 });
      if (response.status() >= 400) problem(visit, `answers ${response.status()}`);
      await response.dispose();
      continue;
    }
    pages++;
    consoleErrors.length = 0;
    const response = await page.goto(visit.url.href).catch((error: Error) => error);
    if (response instanceof Error) {
      problem(visit, `does not load: ${response.message.split("\n")[0]}`);
      continue;
    }
    const status = response?.status() ?? 0;
    const failed = status < 200 || status >= 400;
    if (failed) problem(visit, `answers ${status}`);
    const isHtml = (response?.headers()["content-type"] ?? "").startsWith("text/html");
    if (!isHtml) {
      problem(visit, `answers ${response?.headers()["content-type"] ?? "nothing"} where a page was expected`);
      continue;
    }
    if (!(await page.waitForFunction(hydrated, undefined, { timeout: 10_000 }).catch(() => null))) {
      problem(visit, "never hydrated (its JavaScript did not start)");
      continue;
    }
    const facts = await page.evaluate(readFacts);
    const landed = new URL(page.url());
    const named = routeOf(landed.pathname);
    if (!facts.title.trim()) problem(visit, "has an empty <title>");
    if (!facts.h1.some((h) => h !== "")) problem(visit, "has no <h1> with text");
    // An error answer renders the nearest error boundary instead of its route: its status is the problem reported.
    if (facts.matchedRoute !== named) problem(visit, `the router matched ${facts.matchedRoute}, but the URL names ${named}`);
    else if (!failed && facts.renderedRoute !== named)
      problem(visit, `renders ${facts.renderedRoute}, but the URL names ${named} (a parent route without an <Outlet/>?)`);
    if (facts.innerWidth !== 390 || facts.scrollWidth > 390)
      problem(visit, `is ${facts.scrollWidth} px wide on a 390 px phone (viewport ${facts.innerWidth} px): it scrolls sideways`);
    for (const found of englishIn(facts.text)) problem(visit, found);
    for (const error of consoleErrors) {
      // The browser logs the failed answer of the page itself, reported above.
      if (failed && error.url === landed.href && error.text.startsWith("Failed to load resource")) continue;
      problem(visit, `console error: ${error.text.slice(0, 300)}`);
    }

    const route = named ?? "(none)";
    if (!screenshotsTaken.has(route)) {
      screenshotsTaken.add(route);
      // The top of the page (a whole long list costs seconds to encode), for a person to look at.
      await page.screenshot({
        path: path.join(ARTIFACTS_DIR, `walk-${route.replace(/^routes\//, "").replace(/[^\w.-]+/g, "_")}.png`),
        fullPage: true,
        clip: { x: 0, y: 0, width: facts.innerWidth, height: Math.min(facts.scrollHeight, 2500) },
      });
    }
    for (const link of facts.links) enqueue(link.href, shortUrl(landed));
  }
  return { pages, files, problems };
}

describe("the walk's reading of a page", () => {
  it("tells English error text and raw i18n keys from a Chinese page", () => {
    expect(englishIn("签到时间：2026年12月2日 14:00 · 联系 jumin@demo.linli.local · English · 邻里 Linli")).toEqual([]);
    for (const text of [
      "时长不对：Check-out is longer than the activity",
      "出错了 TypeError: x is undefined",
      "Invalid input: expected string, received undefined",
      "    at loader (file:///app/build/index.js:120:15)",
      "名额 activities.places",
    ])
      expect(englishIn(`页面 ${text} 结束`), text).not.toEqual([]);
  });

  it("names the route of a URL as the router does", async () => {
    await loadRoutes();
    expect(routeOf("/")).toBe("routes/_index");
    expect(routeOf("/wishes/new")).toBe("routes/wishes.new");
    expect(routeOf("/wishes/3f1c")).toBe("routes/wishes.$wishId");
    expect(routeOf("/activities/3f1c/check-in")).toMatch(/check-in$/);
    expect(routeOf("/no/such/page")).toBe("routes/$");
  });
});

describe("walk every page on a phone", () => {
  afterAll(() => {
    if (allProblems.length > 0) console.log(`The walk found ${allProblems.length} problem(s):\n  - ${allProblems.join("\n  - ")}`);
  });

  for (const { who, login } of personas) {
    it(`as the ${who}${login ? ` (${login})` : ""}`, { timeout: 180_000 }, async () => {
      await loadRoutes();
      const page = login ? await browser.signedIn(login, phone) : await browser.newPage(phone);
      if (!login) await page.goto(`${browser.base}/`);
      const { pages, files, problems } = await walk(page);
      await page.context().close();
      allProblems.push(...problems.map((p) => `[${who}] ${p}`));
      // A walk that found nothing to follow proves nothing.
      expect(pages, `pages walked as the ${who}`).toBeGreaterThan(5);
      expect(
        problems,
        `${problems.length} problem(s) as the ${who} on ${pages} pages and ${files} files walked:\n  - ${problems.join("\n  - ")}\n`,
      ).toEqual([]);
    });
  }
});
