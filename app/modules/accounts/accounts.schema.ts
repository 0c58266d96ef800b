import { z } from "zod";
import { roles } from "#db/schema/enums";

/** Chinese mobile numbers, with or without +86, spaces or dashes. */
export function normalisePhone(value: string): string {
  return value.replace(/[\s-]/g, "").replace(/^\+?86(?=1\d{10}$)/, "");
}

const phone = z
  .string()
  .trim()
  .transform(normalisePhone)
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, "phone_invalid"));
/**
 * A number to reach someone by, optional: a mobile (11 digits) or a fixed line with its area code
 * (022-2345 6789) or without it (2345 6789); spaces and dashes as written. Not a login, so a landline is fine.
 */
export const optionalContactPhone = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .max(30, "too_long")
    .transform(normalisePhone)
    .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}\d{7,8}|[2-9]\d{6,7})$/, "contact_phone_invalid"))
    .optional(),
);
const email = z.string().trim().toLowerCase().pipe(z.email("email_invalid"));
const password = z.string().min(8, "password_too_short").max(200, "password_too_long");
const displayName = z.string().trim().min(1, "required").max(40, "too_long");
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** "login" is an email address or a phone number. */
export const LoginInput = z.object({
  login: z.string().trim().min(1, "required").max(200),
  password: z.string().min(1, "required").max(200),
});

export function normaliseLogin(login: string): { email?: string; phone?: string; key: string } {
  const trimmed = login.trim();
  if (trimmed.includes("@")) return { email: trimmed.toLowerCase(), key: trimmed.toLowerCase() };
  const p = normalisePhone(trimmed);
  return { phone: p, key: p };
}

export const SignupInput = z
  .object({
    displayName,
    email: optional(email),
    phone: optional(phone),
    password,
    communityId: z.uuid("community_required"),
    role: z.enum(["resident", "volunteer"]),
    consent: z.literal(["on", "true", true], { error: "consent_required" }),
  })
  .refine((v) => v.email || v.phone, { message: "email_or_phone_required", path: ["email"] });

/** The code(s) a sign-up was sent: one for the phone, one for the e-mail when both were given. */
const signupCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "code_invalid");
export const SignupConfirmInput = z.object({
  request: z.uuid("code_invalid"),
  code: signupCode,
  emailCode: optional(signupCode),
});

/** Staff register a resident: phone-only, or with no login at all; the resident's consent is recorded. */
export const ResidentOnBehalfInput = z.object({
  displayName,
  fullName: optional(z.string().trim().max(40)),
  phone: optional(phone),
  address: optional(z.string().trim().max(200)),
  communityId: z.uuid("community_required"),
  consent: z.literal(["on", "true", true], { error: "consent_required" }),
});

export const PasswordChangeInput = z
  .object({ currentPassword: z.string().min(1, "required"), newPassword: password, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "passwords_differ", path: ["confirmPassword"] });

export const InvitationInput = z.object({
  role: z.enum(roles),
  communityId: optional(z.uuid()),
  streetId: optional(z.uuid()),
  organisationId: optional(z.uuid()),
  email: optional(email),
  phone: optional(phone),
});

/** Accepting an invitation: a new account gives a name and password; a signed-in user gives nothing. */
export const AcceptInvitationInput = z.object({ displayName: optional(displayName), password: optional(password) });

export const MembershipChange = z.object({
  userId: z.uuid(),
  role: z.enum(roles),
  communityId: optional(z.uuid()),
  streetId: optional(z.uuid()),
  organisationId: optional(z.uuid()),
});

/** Forgotten password: the login (email or phone) to send a code to. */
export const PasswordResetRequestInput = z.object({
  login: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
});

/** The code from the message (or the slip staff printed) and the new password. */
export const PasswordResetConfirmInput = z.object({
  login: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
  code: z
    .string({ error: "required" })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6,8}$/, "code_invalid")),
  newPassword: password,
});

/** The page's form also asks for the new password twice. */
export const PasswordResetConfirmForm = PasswordResetConfirmInput.extend({ confirmPassword: z.string() }).refine(
  (v) => v.newPassword === v.confirmPassword,
  { message: "passwords_differ", path: ["confirmPassword"] },
);

/** The forms of the account page, one shape per intent (a password change's fields are PasswordChangeInput's). */
export const AccountPageIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("password") }),
  z.object({ intent: z.literal("signOutOthers") }),
  z.object({ intent: z.literal("delete"), password: z.string().optional() }),
]);
/** /admin/users: taking a role away. */
export const RevokeMembershipInput = z.object({ intent: z.literal("revoke"), membershipId: z.uuid() });

/** Log in by SMS code: the phone to send a code to. */
export const LoginCodeRequestInput = z.object({ phone });

/** Log in by SMS code: the phone and the code it was sent. */
export const LoginCodeInput = z.object({
  phone,
  code: z
    .string({ error: "required" })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "code_invalid")),
});
