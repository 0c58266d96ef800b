import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiHandler, jsonResponse, parseQuery } from "~/lib/api.server";
import { forbidden } from "~/lib/errors";
import { isPlatformAdmin } from "~/modules/accounts/accounts.policy";
import { normaliseLogin } from "~/modules/accounts/accounts.schema";
import { requireUser } from "~/modules/accounts/auth.server";
import { listDevMessages } from "~/modules/messages/messages.server";

export const access: RouteAccess = { loader: ["platform_admin"] };

const DevMessagesQuery = z.object({ to: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long") });

/** GET ?to=PHONE_OR_EMAIL: what the built-in log sink stored, newest first; 404 once a real provider sends messages. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    if (!isPlatformAdmin(viewer)) throw forbidden("only platform admins read stored messages");
    const { to } = parseQuery(DevMessagesQuery, request);
    const items = await listDevMessages(normaliseLogin(to).key);
    return jsonResponse({ items }, { headers: { "Cache-Control": "private, no-store" } });
  });
}
