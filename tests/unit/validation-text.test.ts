import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { cleanTextInput, parseOrThrow } from "~/lib/validation";

const Profile = z.object({
  displayName: z.string().min(1),
  password: z.string().optional(),
  items: z.array(z.object({ title: z.string() })),
});

describe("the text pass every input goes through", () => {
  it("refuses a NUL character anywhere, with the field named", () => {
    for (const [input, field] of [
      [{ displayName: "王\u0000芳", items: [] }, "displayName"],
      [{ displayName: "王芳", items: [{ title: "a\u0000" }] }, "items.0.title"],
      [{ displayName: "王芳", password: "x\u0000", items: [] }, "password"],
    ] as const) {
      try {
        parseOrThrow(Profile, input);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("validation_failed");
        expect((error as AppError).fields).toEqual({ [field]: "invalid_characters" });
      }
    }
  });

  it("strips bidirectional overrides and isolates from names and text, never from passwords", () => {
    const controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
    const parsed = parseOrThrow(Profile, {
      displayName: `\u202e王芳${controls}`,
      password: `p\u202ew`,
      items: [{ title: "灯\u2066坏了" }],
    });
    expect(parsed.displayName).toBe("王芳");
    expect(parsed.items[0]!.title).toBe("灯坏了");
    expect(parsed.password).toBe("p\u202ew");
  });

  it("leaves other input alone", () => {
    const input = { a: "普通文字 ﷺ \u200d👩‍👩‍👧", n: 3, nested: [true, null, { b: "x" }] };
    expect(cleanTextInput(input)).toEqual({ value: input, fields: {} });
  });
});
