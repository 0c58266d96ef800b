// A resident types while a slow phone is still loading the page. React 18 meets a key press that arrives
// after hydration was scheduled but before it ran by hydrating synchronously; with single fetch the app
// suspends on that first render (its data stream is still being decoded), React ends in "Root did not
// complete" (#345, seen by the browser suite on CI) and the page never hydrates. The busy main thread of a
// slow phone is played here by holding React's first scheduled task back, so the moment is long enough to
// type in every time.
import { describe, expect, it } from "vitest";
import { phone, polling, screenshot, text } from "./support/browser";
import { setUpBrowserTests } from "./support/harness";

const browser = setUpBrowserTests();

/** Runs in the page before its scripts: React's scheduler posts its tasks through a MessageChannel. */
function delayFirstScheduledTask(delayMs: number) {
  const post = MessagePort.prototype.postMessage;
  let delayed = false;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort["postMessage"]>) {
    if (delayed) return post.apply(this, args);
    delayed = true;
    setTimeout(() => post.apply(this, args), delayMs);
  } as MessagePort["postMessage"];
}

const reactIsListening = () => Object.keys(document).some((key) => key.startsWith("__reactContainer"));

describe("typing while the page is still hydrating", () => {
  it("keeps what was typed, throws nothing, and the page's JavaScript signs the resident in", async () => {
    const page = await browser.newPage(phone);
    await page.addInitScript(delayFirstScheduledTask, 2000);
    await page.goto(`${browser.base}/login`);
    await page.waitForFunction(reactIsListening, undefined, polling);
    expect(await page.locator("html[data-hydrated]").count(), "still hydrating when the resident types").toBe(0);

    await page.getByLabel(text.auth.login).fill("zhiyuanzhe@demo.linli.local");
    await page.getByLabel(text.auth.password).fill("linli-demo-2026");

    await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 8000 });
    expect(await page.getByLabel(text.auth.login).inputValue()).toBe("zhiyuanzhe@demo.linli.local");
    await screenshot(page, "slow-phone-01-login-typed-while-loading");

    // Hydrated: the page's own script sends the form (a fetch), not the browser (a document request).
    const posted = page.waitForRequest((request) => request.method() === "POST");
    await page.getByRole("button", { name: text.auth.loginButton, exact: true }).click();
    expect((await posted).resourceType()).toBe("fetch");
    await page.waitForURL((url) => url.pathname !== "/login");
  });
});
