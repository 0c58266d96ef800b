import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/api.server";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDate } from "~/lib/tianjin-time";
import { ListPageQuery } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listMyClaims } from "~/modules/claims/my-claims.server";
import { pageMeta } from "~/lib/meta";
import { CursorPager } from "~/components/cursor-pager";

export const access: RouteAccess = { loader: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.myClaims"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => listMyClaims(viewer, parseQuery(ListPageQuery, request)));
}

export default function MyClaims() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatTianjinDate(iso, i18n.language);
  return (
    <section className="my-list">
      <h1>{t("my.claims.title")}</h1>
      <p className="muted">{t("my.claims.intro")}</p>
      <p>
        <Link to="/org">{t("my.claims.dashboard")}</Link>
      </p>
      {page.items.length === 0 ? <p>{t("my.claims.empty")}</p> : null}
      <ul className="plain my-items">
        {page.items.map((c) => (
          <li key={c.id} className="need-card">
            <p className="need-card__meta">
              <span className={`badge badge--claim-${c.status}`}>{t(`claimStatus.${c.status}`)}</span>{" "}
              {c.overdue ? <span className="badge badge--overdue">{t("my.claims.overdue")}</span> : null}
            </p>
            <h2 className="need-card__title">
              <Link to={`/wishes/${c.needId}`}>{c.itemTitle ? `${c.needTitle} · ${c.itemTitle}` : c.needTitle}</Link>
            </h2>
            <p className="need-card__place">
              {c.communityName} · {t("my.claims.organisation", { name: c.organisationName })}
            </p>
            <p>
              {t("my.claims.claimedAt", { date: date(c.claimedAt) })}
              {c.status === "active" ? (
                <>
                  {" · "}
                  <strong className={c.overdue ? "my-items__overdue" : undefined}>{t("my.claims.due", { date: date(c.dueAt) })}</strong>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      <CursorPager nextCursor={page.nextCursor} />
    </section>
  );
}
