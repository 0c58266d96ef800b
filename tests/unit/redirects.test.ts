import { describe, expect, it } from "vitest";
import { isSafeRedirectPath, safeRedirectPath } from "~/lib/redirects";

describe("safeRedirectPath", () => {
  it.each(["/account", "/wishes/5b0c8a3e-0a7e-4c55-9d6b-3c1f7c1b2a10?done=posted", "/wishes?q=%E7%81%AF&street=x#top", "/my/hours", "/"])(
    "keeps the path on this site %j",
    (path) => {
      expect(safeRedirectPath(path, "/fallback")).toBe(path);
    },
  );

  // Each of these is read by some browser or URL parser as another host, or cannot go into a Location header.
  it.each([
    ["//evil.example/phish", "protocol-relative"],
    ["/\t/evil.example/phish", "tab dropped by the browser (the reported attack, decoded once)"],
    ["/%09/evil.example/phish", "tab, still encoded"],
    ["%2F%09%2Fevil.example%2Fphish", "the whole attack still encoded"],
    ["/%2F%09%2Fevil.example", "encoded slash after the first"],
    ["/\n/evil.example", "newline"],
    ["/\r/evil.example", "carriage return"],
    ["/%0A/evil.example", "encoded newline"],
    ["/%0D%0ASet-Cookie:%20x=1", "header injection"],
    ["/\\evil.example", "backslash read as slash"],
    ["/%5Cevil.example", "encoded backslash"],
    ["\\\\evil.example", "two backslashes"],
    ["/%2Fevil.example", "encoded second slash"],
    ["/%252F%252Fevil.example", "double-encoded slashes"],
    ["https://evil.example/", "absolute URL"],
    ["javascript:alert(1)", "script URL"],
    ["evil.example/phish", "relative, no leading slash"],
    ["/./\\/evil.example", "dot segment before a backslash"],
    ["/\u0000/evil.example", "NUL"],
    ["/\u200b/evil.example", "zero-width space"],
    ["/%E2%80%AE/evil.example", "right-to-left override"],
    ["/%", "broken percent-encoding"],
    ["", "empty"],
    [" /account", "leading space"],
    [`/${"a".repeat(3000)}`, "absurdly long"],
  ])("refuses %j (%s)", (path) => {
    expect(isSafeRedirectPath(path)).toBe(false);
    expect(safeRedirectPath(path, "/fallback")).toBe("/fallback");
  });

  it("refuses nothing and something", () => {
    expect(safeRedirectPath(null, "/account")).toBe("/account");
    expect(safeRedirectPath(undefined, "/account")).toBe("/account");
  });
});
