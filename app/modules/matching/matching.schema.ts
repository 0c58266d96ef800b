import { z } from "zod";

/** `?engine=baseline` runs the PostgreSQL ILIKE engine instead (for comparison and benchmarks). */
export const MatchQueryParams = z.object({
  engine: z.enum(["meili", "baseline"]).default("meili"),
  // 10: a need's list as the offer → needs direction reads it (NEED_LIST_LENGTH in matches.server.ts).
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type MatchQueryParams = z.infer<typeof MatchQueryParams>;

/** The wish wall's search box: a few words, not an essay. */
export const WishSearch = z.string().trim().max(100).default("");
