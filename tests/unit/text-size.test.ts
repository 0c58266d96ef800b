import { describe, expect, it } from "vitest";
import { detectTextSize, textSizeCookie } from "~/lib/text-size.server";

describe("large-text mode", () => {
  const request = (cookie?: string) => new Request("http://x/", { headers: cookie ? { Cookie: cookie } : {} });
  it("is off by default", () => expect(detectTextSize(request())).toBe("standard"));
  it("follows the switch's cookie", () => expect(detectTextSize(request("lng=en; text_size=large"))).toBe("large"));
  it("ignores values it does not know", () => expect(detectTextSize(request("text_size=huge"))).toBe("standard"));
  it("is remembered for a year on the whole site", () =>
    expect(textSizeCookie("large")).toBe("text_size=large; Path=/; Max-Age=31536000; SameSite=Lax"));
});
