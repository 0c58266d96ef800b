import { z } from "zod";

export const ShowcaseScope = z.object({ street: z.uuid().optional(), community: z.uuid().optional() });
