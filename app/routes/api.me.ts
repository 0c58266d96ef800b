import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { AppError } from "~/lib/errors";
import { deleteAccount, meView } from "~/modules/accounts/accounts.server";
import { clearedSessionCookie, requireUser } from "~/modules/accounts/auth.server";

export const access: RouteAccess = { loader: "user", action: "user" };

export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => jsonResponse(meView(await requireUser(request)), { headers: { "Cache-Control": "private, no-store" } }));
}

const DeleteInput = z.object({ password: z.string().max(200).optional() });

/** DELETE /api/me {"password"}: erase the account (contributions stay, anonymised; the hour ledger stays whole). */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (request.method !== "DELETE") throw new AppError("not_found", "use DELETE");
    const { password } = await parseJsonBody(DeleteInput, request);
    await deleteAccount(viewer, password ?? null);
    return new Response(null, { status: 204, headers: { "Set-Cookie": clearedSessionCookie(request) } });
  });
}
