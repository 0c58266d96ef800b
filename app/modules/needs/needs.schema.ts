import { z } from "zod";
import { needKinds, needStatuses } from "#db/schema/enums";
import { categoryKeys } from "~/modules/categories/categories";
import { optionalContactPhone } from "~/modules/accounts/accounts.schema";
import { needActions } from "./lifecycle";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());

export const NeedListQuery = z.object({
  status: z.enum(needStatuses).optional(),
  community: z.uuid().optional(),
  street: z.uuid().optional(),
  kind: z.enum(needKinds).optional(),
  category: z.enum(categoryKeys).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type NeedListQuery = z.infer<typeof NeedListQuery>;

export const NeedInput = z.object({
  kind: z.enum(needKinds),
  title: z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long"),
  description: z.string().trim().max(2000, "too_long").default(""),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(categoryKeys, { error: "category_invalid" }).optional()),
  communityId: z.uuid("community_required"),
  items: z
    .array(
      z.object({
        title: z.string().trim().min(1, "required").max(80, "too_long"),
        description: optionalText(500),
        category: z.enum(categoryKeys).optional(),
      }),
    )
    .max(20)
    .optional(),
  /** Staff posting for a resident (代办): a registered resident, or a name recorded with consent. */
  onBehalfOf: z
    .object({
      userId: z.uuid().optional(),
      name: optionalText(40),
      phone: optionalContactPhone,
      address: optionalText(200),
      consent: z.boolean().optional(),
    })
    .optional(),
  contactPhone: optionalContactPhone,
  address: optionalText(200),
});
export type NeedInput = z.infer<typeof NeedInput>;

export const TransitionInput = z.object({
  action: z.enum(needActions),
  reason: optionalText(500),
  note: optionalText(2000),
  itemId: z.uuid("validation_failed").optional(),
  // A plain form's picker sends "" until something is chosen: that is none chosen, which dispatch refuses as required.
  organisationId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("organisation_required").optional()),
  /** claim: the claimer's offer it draws on; "" (the form's 不计入资源) is none. Not given: see claims.server.ts. */
  offerId: z.preprocess((v) => (v === "" ? null : v), z.uuid("offer_not_here").nullable().optional()),
  thanks: optionalText(500),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  idempotencyKey: optionalText(100),
  /** dispatch: when the organisation should have resolved it (default: the type's working days). */
  dueAt: z.preprocess((v) => (v === "" ? undefined : v), z.iso.datetime({ offset: true, error: "datetime_invalid" }).optional()),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

/** A draft or rejected wish changed by its resident before it goes to review again. */
export const NeedEditInput = NeedInput.pick({ title: true, description: true, category: true }).extend({
  removePhotoIds: z.array(z.uuid()).max(20).default([]),
});
export type NeedEditInput = z.infer<typeof NeedEditInput>;

/** A wish's id in a URL. */
export const NeedId = z.uuid();
