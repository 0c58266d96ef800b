import { z } from "zod";
import { categoryKeys } from "~/modules/categories/categories";
import { saneYear } from "./bounds";

// Years outside 2000–2999 (0000, 1900 …) are no date of this app's: refused here, never a database error.
const dateTime = z.iso
  .datetime({ offset: true, error: "datetime_invalid" })
  .transform((v) => new Date(v))
  .refine(saneYear, "datetime_invalid");
const day = z.iso.date().refine((v) => saneYear(new Date(v)), "date_invalid");
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());

export const ActivityInput = z
  .object({
    title: z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long"),
    description: optionalText(2000),
    category: z.enum(categoryKeys, { error: "category_invalid" }),
    communityId: z.uuid("community_required"),
    /** The volunteer team running it; omitted when the community runs it itself. */
    organisationId: z.uuid().optional(),
    location: optionalText(200),
    startsAt: dateTime,
    endsAt: dateTime,
    capacity: z.number({ error: "capacity_invalid" }).int("capacity_invalid").min(1, "capacity_invalid").max(10_000, "capacity_invalid"),
    skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "period_invalid" });
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityListQuery = z.object({
  community: z.uuid().optional(),
  street: z.uuid().optional(),
  organisation: z.uuid().optional(),
  category: z.enum(categoryKeys).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

/** The organiser enters times (proxy: for a volunteer without a phone), or a volunteer scans the venue's code. */
export const AttendanceInput = z.union([
  // Read strictly by the domain (venue-code.server.ts): any string short enough gets a clear refusal there.
  z.object({ token: z.string().max(500, "token_invalid") }),
  z
    .object({ volunteerId: z.uuid("volunteer_required"), checkIn: dateTime, checkOut: dateTime, proxy: z.boolean().optional() })
    .refine((v) => v.checkOut > v.checkIn, { path: ["checkOut"], message: "period_invalid" }),
]);
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const ReasonInput = z.object({ reason: z.string({ error: "required" }).trim().min(1, "required").max(500, "too_long") });

export const CorrectionRequestInput = z
  .object({
    activityId: z.uuid(),
    hourEntryId: z.uuid().optional(),
    reason: z.string({ error: "required" }).trim().min(1, "required").max(1000, "too_long"),
    requestedStartsAt: dateTime.optional(),
    requestedEndsAt: dateTime.optional(),
  })
  .refine((v) => !v.requestedStartsAt || !v.requestedEndsAt || v.requestedEndsAt > v.requestedStartsAt, {
    path: ["requestedEndsAt"],
    message: "period_invalid",
  });

export const CorrectionAnswerInput = z.object({ accept: z.boolean(), answer: optionalText(500) });

/** The forms of an activity's page (/activities/:id). Kept here, not in the route: a schema built in a route module ships all of zod to the browser. */
export const ActivityPageIntent = z.object({
  intent: z.enum(["signUp", "cancel", "record", "approve", "approveAll", "reject", "reverse", "answer"]),
  entryId: z.uuid().optional(),
  volunteerId: z.uuid().optional(),
  requestId: z.uuid().optional(),
  reason: z.string().trim().max(500).optional(),
});
