// What every browser test file sets up: the demo app in its own database, one chromium, and a check after each
// test that no page threw in the browser.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { startDemoApp } from "./app";
import { collectPageErrors, desktop, launchBrowser, signIn } from "./browser";

export interface BrowserTests {
  /** The app's origin, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  /** A page in a fresh context (its own cookies): desktop by default. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A fresh page signed in through the login form. */
  signedIn(login: string, options?: BrowserContextOptions): Promise<Page>;
}

export function setUpBrowserTests(): BrowserTests {
  let app: Awaited<ReturnType<typeof startDemoApp>> | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startDemoApp(), launchBrowser()]);
  });
  afterEach(() => {
    // Joined, so a failure prints the errors themselves rather than "Array(1)".
    expect(pageErrors.splice(0).join("\n"), "errors thrown in the browser").toBe("");
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const tests: BrowserTests = {
    get base() {
      return app!.base;
    },
    async newPage(options = desktop) {
      const context = await browser!.newContext(options);
      collectPageErrors(context, pageErrors);
      return context.newPage();
    },
    async signedIn(login, options = desktop) {
      const page = await tests.newPage(options);
      await signIn(page, app!.base, login);
      return page;
    },
  };
  return tests;
}
