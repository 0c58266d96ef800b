import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { formatTianjinDate } from "~/lib/tianjin-time";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { wishSlip } from "~/modules/paper/paper.server";
import { pageMeta } from "~/lib/meta";

const staff = ["community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: staff };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.wishSlip"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(() => wishSlip(viewer, parseId(params.wishId, "wish")));
}

export default function WishSlip() {
  const { wish, community, staff: contacts, printedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article className="paper paper--slip">
      <h1>{t("paper.slipTitle")}</h1>
      <p>
        {community.streetName} · {community.name}
      </p>
      <dl className="pairs">
        <dt>{t("paper.wish")}</dt>
        <dd>{wish.title}</dd>
        {wish.for ? (
          <>
            <dt>{t("paper.for")}</dt>
            <dd>{wish.for}</dd>
          </>
        ) : null}
        <dt>{t("paper.details")}</dt>
        <dd>{wish.description || "—"}</dd>
        <dt>{t("paper.status")}</dt>
        <dd>{t(`status.${wish.status}`)}</dd>
        <dt>{t("paper.helper")}</dt>
        <dd>{wish.helper ?? t("paper.noHelperYet")}</dd>
        <dt>{t("paper.date")}</dt>
        <dd>{formatTianjinDate(wish.createdAt, i18n.language)}</dd>
        <dt>{t("paper.contactTitle")}</dt>
        <dd>{contacts.map((c) => `${c.name} ${c.contact}`).join("；")}</dd>
      </dl>
      <p className="muted">{t("paper.printedAt", { date: formatTianjinDate(printedAt, i18n.language) })}</p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("paper.print")}
        </button>{" "}
        <span className="muted">{t("paper.printHint")}</span>
      </p>
    </article>
  );
}
