import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/api.server";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDate } from "~/lib/tianjin-time";
import { ListPageQuery } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listMyNeeds } from "~/modules/needs/my-needs.server";
import { pageMeta } from "~/lib/meta";
import { CursorPager } from "~/components/cursor-pager";

export const access: RouteAccess = { loader: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.myWishes"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => listMyNeeds(viewer, parseQuery(ListPageQuery, request)));
}

export default function MyWishes() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const done = params.get("done");
  return (
    <section className="my-list">
      {done ? (
        <p className="notice" role="status">
          {t(`transitions.done.${done}`, { defaultValue: t("transitions.doneGeneric") })}
        </p>
      ) : null}
      <h1>{t("my.wishes.title")}</h1>
      <p className="muted">{t("my.wishes.intro")}</p>
      <p>
        <Link className="button" to="/wishes/new">
          {t("my.wishes.post")}
        </Link>
      </p>
      {page.items.length === 0 ? <p>{t("my.wishes.empty")}</p> : null}
      <ul className="plain my-items">
        {page.items.map((need) => (
          <li key={need.id} className="need-card">
            <p className="need-card__meta">
              <span className={`badge badge--${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
              <span className="badge badge--kind">{t(`kind.${need.kind}`)}</span>{" "}
              {need.postedForMe ? <span className="badge badge--kind">{t("my.wishes.postedForMe")}</span> : null}{" "}
              <span>{t(`category.${need.category ?? "none"}`)}</span>
            </p>
            <h2 className="need-card__title">
              <Link to={`/wishes/${need.id}`}>{need.title}</Link>
            </h2>
            <p className="need-card__place">
              {need.communityName} · {t("my.wishes.created", { date: formatTianjinDate(need.createdAt, i18n.language) })}
            </p>
            {need.rejectReason ? <p className="my-items__reason">{t("my.wishes.rejectReason", { reason: need.rejectReason })}</p> : null}
            {need.organisationName ? <p>{t("my.wishes.helper", { name: need.organisationName })}</p> : null}
            {/* Only a micro-wish is changed by its resident (a problem report or a community need is not). */}
            {need.kind === "micro_wish" && (need.status === "rejected" || need.status === "draft") ? (
              <p>
                <Link className="button button--secondary" to={`/my/wishes/${need.id}/edit`}>
                  {t("my.wishes.editAndResubmit")}
                </Link>
              </p>
            ) : null}
            {need.status === "fulfilled" ? (
              <p>
                <Link to={`/wishes/${need.id}#actions-heading`}>{t("my.wishes.confirmHint")}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <CursorPager nextCursor={page.nextCursor} />
    </section>
  );
}
