import { z } from "zod";

/** The check-in page's address: the scanned code, or where the confirmation came back to (done=in|out). */
export const CheckInQuery = z.object({
  // Any string: the domain reads it strictly and says what is wrong with it.
  token: z.string().optional(),
  done: z.enum(["in", "out"]).optional().catch(undefined),
});

/** The confirmation form: the code it carries. */
export const CheckInForm = z.object({ token: z.string().default("") });
