import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, parseQuery } from "~/lib/api.server";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { csvResponse, ExportRangeQuery, exportFileName, hoursCsv } from "~/modules/ledger/exports.server";

// For community staff, street and platform admins, and admins of volunteer teams. Declared "user"
// because the role alone does not decide it: an org_admin of a bank is refused (403) by the scope check.
export const access: RouteAccess = { loader: "user" };

/** The ledger's entries in the viewer's scope as a spreadsheet download; ?from=&to= narrow it by date. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return apiHandler(async () => {
    const range = parseQuery(ExportRangeQuery, request);
    return csvResponse(await hoursCsv(viewer, range), exportFileName("hours", range));
  });
}
