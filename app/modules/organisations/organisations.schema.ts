import { z } from "zod";
import { orgTypeKeys } from "#db/schema/enums";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());

export const OrganisationInput = z.object({
  type: z.enum(orgTypeKeys, { error: "org_type_invalid" }),
  name: z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long"),
  description: optionalText(2000),
  streetId: z.uuid("street_required"),
  serviceArea: optionalText(200),
  /** A public phone or address for the organisation itself; omit for none. */
  publicContact: optionalText(200),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export const OrganisationPatch = OrganisationInput.partial();

export const OrganisationListQuery = z.object({
  type: z.enum(orgTypeKeys).optional(),
  street: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** The forms of an organisation's dashboard (/org), one shape per intent; a new offer's fields are the offer schema's. */
export const OrganisationDashboardIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("createOffer") }),
  z.object({ intent: z.literal("toggleOffer"), id: z.uuid(), active: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("acceptAgreement"), id: z.uuid() }),
  z.object({ intent: z.literal("logo") }),
]);
export type OrganisationDashboardIntent = z.infer<typeof OrganisationDashboardIntent>;
