import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, jsonResponse, parseJsonBody, parseQuery } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { idempotentCreate } from "~/lib/idempotency.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { NeedInput, NeedListQuery } from "~/modules/needs/needs.schema";
import { getNeedFor, listPublicNeeds } from "~/modules/needs/needs.server";
import { createNeed } from "~/modules/needs/posting.server";
import { createProblem } from "~/modules/problems/problems.server";
import { ProblemInput } from "~/modules/problems/problems.schema";
import { parseOrThrow } from "~/lib/validation";

export const access: RouteAccess = { loader: "public", action: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(await listPublicNeeds(parseQuery(NeedListQuery, request))));
}

export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST") throw new AppError("not_found", "use POST to create a need");
    const viewer = await requireUser(request);
    // A retried post with the same Idempotency-Key answers like the first instead of posting twice.
    return idempotentCreate(request, viewer.id, "POST /api/needs", async () => {
      // A problem report (kind "problem") carries its type and location: its own schema and module.
      const body: unknown = await parseJsonBody(z.unknown(), request);
      const isProblem = typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "problem";
      const need = isProblem
        ? await createProblem(viewer, parseOrThrow(ProblemInput, body))
        : await createNeed(viewer, parseOrThrow(NeedInput, body));
      return jsonResponse(await getNeedFor(viewer, need.id), { status: 201 });
    });
  });
}
