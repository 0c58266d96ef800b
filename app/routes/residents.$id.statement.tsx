import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { formatTianjinDate } from "~/lib/tianjin-time";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { residentStatement } from "~/modules/paper/paper.server";
import { pageMeta } from "~/lib/meta";

const staff = ["community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: staff };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.statement"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(() => residentStatement(viewer, parseId(params.id, "resident")));
}

export default function ResidentStatement() {
  const { resident, community, staff: contacts, wishes, printedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article className="paper">
      <h1>{t("paper.statementTitle", { name: resident.name })}</h1>
      <p>
        {community.streetName} · {community.name} · {t("paper.printedAt", { date: formatTianjinDate(printedAt, i18n.language) })}
      </p>
      {wishes.length === 0 ? <p>{t("paper.noWishesYet")}</p> : null}
      <table className="paper__table">
        <thead>
          <tr>
            <th>{t("paper.wish")}</th>
            <th>{t("paper.status")}</th>
            <th>{t("paper.helper")}</th>
            <th>{t("paper.date")}</th>
          </tr>
        </thead>
        <tbody>
          {wishes.map((w) => (
            <tr key={w.id}>
              <td>{w.title}</td>
              <td>{t(`status.${w.status}`)}</td>
              <td>{w.helper ?? "—"}</td>
              <td>{formatTianjinDate(w.completedAt ?? w.createdAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("paper.contactTitle")}</h2>
      <ul className="plain">
        {contacts.map((c) => (
          <li key={c.name}>
            {c.name} {c.contact}
          </li>
        ))}
      </ul>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("paper.print")}
        </button>{" "}
        <span className="muted">{t("paper.printHint")}</span>
      </p>
    </article>
  );
}
