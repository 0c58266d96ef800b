import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonalData } from "~/modules/accounts/accounts.server";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { now } from "~/lib/clock.server";
import { tianjinDate } from "~/lib/tianjin-time";

export const access: RouteAccess = { loader: "user" };

// The user's own data as a JSON download.
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const body = JSON.stringify(await exportPersonalData(viewer), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="linli-my-data-${tianjinDate(now())}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
