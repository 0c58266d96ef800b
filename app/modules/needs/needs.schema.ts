import { z } from "zod";
import { needKinds, needStatuses } from "#db/schema/enums";
import { categoryKeys } from "~/modules/categories/categories";

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
