import { z } from "zod";
import { categoryKeys } from "~/modules/categories/categories";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());

// No defaults here: a PATCH must change only what it names.
const OfferFields = z.object({
  organisationId: z.uuid("organisation_required"),
  title: z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long"),
  description: optionalText(2000),
  category: z.enum(categoryKeys, { error: "category_invalid" }),
  tags: z.array(z.string().trim().min(1).max(20)).max(10, "too_many"),
  communityId: z.uuid().optional(),
  streetId: z.uuid().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  capacityPerMonth: z
    .number({ error: "capacity_invalid" })
    .int("capacity_invalid")
    .min(1, "capacity_invalid")
    .max(10_000, "capacity_invalid"),
  weekdays: z.array(z.number().int().min(1).max(7), { error: "weekdays_invalid" }).min(1, "weekdays_invalid").max(7),
});

/** An offer serves one community or a whole street; a map location needs both coordinates. */
function areaRules(exactlyOne: boolean) {
  return (value: { communityId?: string; streetId?: string; lat?: number; lng?: number }, ctx: z.RefinementCtx) => {
    const places = (value.communityId ? 1 : 0) + (value.streetId ? 1 : 0);
    if (exactlyOne ? places !== 1 : places > 1) ctx.addIssue({ code: "custom", path: ["communityId"], message: "area_one_place" });
    if ((value.lat === undefined) !== (value.lng === undefined)) ctx.addIssue({ code: "custom", path: ["lat"], message: "location_pair" });
  };
}

export const OfferInput = OfferFields.extend({
  tags: OfferFields.shape.tags.default([]),
  weekdays: OfferFields.shape.weekdays.default([1, 2, 3, 4, 5]),
}).superRefine(areaRules(true));
export type OfferInput = z.infer<typeof OfferInput>;

/** A change: any field but the organisation; a new area replaces the old one whole. */
export const OfferPatch = OfferFields.omit({ organisationId: true })
  .extend({ active: z.boolean() })
  .partial()
  .superRefine(areaRules(false));
export type OfferPatch = z.infer<typeof OfferPatch>;

const booleanParam = z.enum(["true", "false"]).transform((v) => v === "true");

export const OfferListQuery = z.object({
  community: z.uuid().optional(),
  street: z.uuid().optional(),
  organisation: z.uuid().optional(),
  category: z.enum(categoryKeys).optional(),
  q: z.string().trim().max(100).optional(),
  active: booleanParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type OfferListQuery = z.infer<typeof OfferListQuery>;
