import { z } from "zod";
import { categoryKeys } from "~/modules/categories/categories";
import { optionalContactPhone } from "~/modules/accounts/accounts.schema";
import { problemTypeKeys } from "./problem-types";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());
const optionalNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "number_invalid" }).min(min, "out_of_range").max(max, "out_of_range").optional(),
  );

/** A problem report (问题上报): a type from the taxonomy, where it is (a building, or a point), photos with the form. */
export const ProblemInput = z
  .object({
    kind: z.literal("problem"),
    title: z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long"),
    description: z.string().trim().max(2000, "too_long").default(""),
    problemType: z.enum(problemTypeKeys, { error: "problem_type_invalid" }),
    /** Defaults to the type's category. */
    category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(categoryKeys, { error: "category_invalid" }).optional()),
    communityId: z.uuid("community_required"),
    location: optionalText(200),
    latitude: optionalNumber(-90, 90),
    longitude: optionalNumber(-180, 180),
    /** Staff or a grid worker reporting what a resident told them, with the resident's consent to keep their contact. */
    onBehalfOf: z.object({ name: optionalText(40), phone: optionalContactPhone, consent: z.boolean().optional() }).optional(),
    contactPhone: optionalContactPhone,
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === undefined) !== (v.longitude === undefined))
      ctx.addIssue({ code: "custom", path: [v.latitude === undefined ? "latitude" : "longitude"], message: "point_incomplete" });
    if (!v.location && v.latitude === undefined) ctx.addIssue({ code: "custom", path: ["location"], message: "required" });
  });
export type ProblemInput = z.infer<typeof ProblemInput>;

export const ShowcasePhotoInput = z.object({
  attachmentId: z.uuid(),
  showcase: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

/** The report form's flat fields as the API's input: the resident reported for grouped, the point only when given. */
export function problemInputFromForm(values: Record<string, string>) {
  const onBehalf = values.onBehalfName || values.onBehalfPhone;
  return {
    kind: "problem",
    title: values.title,
    description: values.description ?? "",
    problemType: values.problemType,
    communityId: values.communityId,
    location: values.location,
    latitude: values.latitude,
    longitude: values.longitude,
    ...(onBehalf
      ? { onBehalfOf: { name: values.onBehalfName, phone: values.onBehalfPhone, consent: values.onBehalfConsent === "on" } }
      : {}),
  };
}
