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

/** The forms of the organisation's dashboard (/org). Kept here, not in the route: a schema built in a route module ships all of zod to the browser. */
export const OrgDashboardIntent = z.object({
  intent: z.enum(["createOffer", "toggleOffer", "acceptAgreement", "logo"]),
  id: z.uuid().optional(),
});
