import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { governsStreet } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { streetCommunityTable } from "~/modules/places/place-overview.server";

export const access: RouteAccess = { loader: ["street_admin", "platform_admin"] };

const HEADER = [
  "社区",
  "发布微心愿",
  "已完成",
  "认领用时中位数（天）",
  "待认领需求（按类别）",
  "共建伙伴",
  "生效协议",
  "近12个月志愿服务时长（小时）",
];

/** The street dashboard's table as a spreadsheet, for the street's admin. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const streetId = parseId(params.id, "street");
  if (!governsStreet(viewer, streetId)) throw new Response("not your street", { status: 403 });
  return loadPage(async () => {
    const rows = await streetCommunityTable(streetId);
    const body = toCsv(
      HEADER,
      rows.map((c) => [
        c.name,
        c.posted,
        c.completed,
        c.medianDaysToClaim,
        Object.entries(c.openByCategory)
          .map(([k, n]) => `${k}:${n}`)
          .join(" "),
        c.partners,
        c.agreements,
        Object.values(c.hoursByMonth).reduce((a, b) => a + b, 0),
      ]),
    );
    return csvResponse(body, `linli-street-${new Date().toISOString().slice(0, 10)}.csv`);
  });
}
