// Chromium through playwright-core, and what every browser test asks of a page: screenshots, axe, overflow, sign-in.
import path from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import zh from "~/locales/zh-CN.json";
import { ARTIFACTS_DIR, CHROMIUM_PATH } from "./global-setup";

/** After a client-side navigation the new page renders a moment after the URL changes: look again until then. */
export const polling = { timeout: 5000 };

/** zh-CN is the default language, so the tests find things by the words a resident reads. */
export const text = zh;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Root in a container: no sandbox; /dev/shm is small in containers.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" };
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
  userAgent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
};

/**
 * Uncaught errors in the context's pages (a failed hydration among them) and Content-Security-Policy
 * violations, with the page they happened on.
 * The tests expect none: a page that throws in the browser has lost its JavaScript behaviour.
 */
export function collectPageErrors(context: BrowserContext, errors: string[] = []): string[] {
  context.on("page", (page) => {
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
    // A script or style the Content-Security-Policy refused (the browser reports it on the console).
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
        errors.push(`${page.url()}: CSP violation: ${message.text()}`);
    });
  });
  return errors;
}

/** A full-page screenshot under tests/e2e/artifacts/<name>.png, named for the journey step. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login form, as a person would (works with JavaScript off too). */
export async function signIn(page: Page, base: string, login: string, password = "linli-demo-2026"): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(text.auth.login).fill(login);
  await page.getByLabel(text.auth.password).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: text.auth.loginButton }).click(),
  ]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

/** The page's axe violations of impact serious or critical (WCAG 2.1 A and AA rules and axe's best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the page's CSP (nonces only)
  // rightly refuses an inline script, and a refused one would count as a violation of the page itself.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary ?? "" })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** One readable block per violation, for the failure message. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}\n      ${n.html.slice(0, 160)}\n      ${n.failureSummary.replace(/\n/g, "\n      ")}`)
          .join("\n") +
        (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ""),
    )
    .join("\n");
}

/** How wide the document scrolls against the viewport: wider means the page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}
