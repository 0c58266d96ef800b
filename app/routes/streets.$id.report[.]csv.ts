import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { detectLocale } from "~/lib/locale.server";
import { translatorFor } from "~/lib/meta";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { governsStreet } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { streetReportCsv } from "~/modules/places/place-overview.server";

export const access: RouteAccess = { loader: ["street_admin", "platform_admin"] };

/** The street dashboard's table as a spreadsheet, for the street's admin, in the page's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const streetId = parseId(params.id, "street");
  if (!governsStreet(viewer, streetId)) throw new Response("not your street", { status: 403 });
  return loadPage(async () => {
    const { body, fileName } = await streetReportCsv(streetId, translatorFor(detectLocale(request)));
    return csvResponse(body, fileName);
  });
}
