import { z } from "zod";
import { categoryKeys } from "~/modules/categories/categories";

const isoDate = z.iso.date("date_invalid");

export const AgreementInput = z
  .object({
    organisationId: z.uuid("organisation_required"),
    communityId: z.uuid().optional(),
    streetId: z.uuid().optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    categories: z
      .array(z.enum(categoryKeys, { error: "category_invalid" }))
      .max(13)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if ((v.communityId ? 1 : 0) + (v.streetId ? 1 : 0) !== 1)
      ctx.addIssue({ code: "custom", path: ["communityId"], message: "area_one_place" });
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "period_invalid" });
  });
export type AgreementInput = z.infer<typeof AgreementInput>;
