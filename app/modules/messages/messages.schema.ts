import { z } from "zod";
import { normalisePhone } from "~/modules/accounts/accounts.schema";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The notification settings form: per-channel opt-in, and the family contact (both fields or neither). */
export const MessageSettingsInput = z
  .object({
    sms: checkbox,
    email: checkbox,
    familyName: z.preprocess(blankToUndefined, z.string().trim().max(40, "too_long").optional()),
    familyPhone: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .transform(normalisePhone)
        .pipe(z.string().regex(/^1[3-9]\d{9}$/, "phone_invalid"))
        .optional(),
    ),
  })
  .refine((v) => !!v.familyName === !!v.familyPhone, { message: "required", path: ["familyPhone"] });

/** A group robot's webhook for a community or an organisation; empty removes it. */
export const GroupWebhookInput = z.object({
  owner: z.string().regex(/^(community|organisation):[0-9a-f-]{36}$/, "invalid"),
  url: z.preprocess(blankToUndefined, z.string().trim().max(300, "too_long").optional()),
});

/** One upstream SMS (a reply) as Alibaba Cloud (phone_number, content) or Tencent Cloud (mobile, text) posts it. */
const Reply = z.union([
  z
    .object({ phone_number: z.string().min(5).max(20), content: z.string().max(500) })
    .transform((r) => ({ phone: r.phone_number, text: r.content })),
  z.object({ mobile: z.string().min(5).max(20), text: z.string().max(500) }).transform((r) => ({ phone: r.mobile, text: r.text })),
]);
export const SmsRepliesInput = z.union([z.array(Reply).min(1).max(100), Reply.transform((r) => [r])]);
