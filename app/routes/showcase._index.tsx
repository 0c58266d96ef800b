import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { listPublicNeeds } from "~/modules/needs/needs.server";
import { placeTree } from "~/modules/places/places.server";
import { partnersOfTheMonth, showcaseSummary } from "~/modules/showcase/showcase.server";
import { ShowcaseFigures } from "~/modules/showcase/components/showcase-figures";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(args, (t) => ({ title: t("titles.showcase"), description: t("titles.showcaseDescription") }), [
    { property: "og:type", content: "website" },
  ]);

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const [summary, thanks, partners, places] = await Promise.all([
      showcaseSummary(),
      listPublicNeeds({ status: "completed", kind: "micro_wish", limit: 6 }),
      partnersOfTheMonth(),
      placeTree(),
    ]);
    return data(
      { summary, thanks: thanks.items.filter((n) => n.thanks), partners, streets: places.streets },
      { headers: publicPageHeaders(request) },
    );
  });
}

export default function Showcase() {
  const { summary, thanks, partners, streets } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("showcase.title")}</h1>
      <p className="lead">{t("showcase.intro")}</p>
      <nav className="link-row" aria-label={t("showcase.more")}>
        <Link to="/showcase/honour-roll">{t("showcase.honourRoll")}</Link>
        <Link to="/showcase/volunteers">{t("showcase.leaderboard")}</Link>
        <Link to="/activities">{t("nav.activities")}</Link>
        <Link to="/organisations">{t("nav.organisations")}</Link>
      </nav>
      <ShowcaseFigures summary={summary} />
      <section>
        <h2>{t("showcase.thanks")}</h2>
        <ul className="plain thanks-list">
          {thanks.map((n) => (
            <li key={n.id} className="need-card">
              <Link to={`/wishes/${n.id}`}>{n.title}</Link>
              <blockquote>{n.thanks}</blockquote>
              <p className="need-card__who">
                {n.requesterName} · {n.communityName}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {partners.length ? (
        <section>
          <h2>{t("showcase.partnersOfTheMonth")}</h2>
          <p className="muted">{t("partners.ofTheMonthNote")}</p>
          <ol>
            {partners.map((p) => (
              <li key={p.id}>
                <Link to={`/organisations/${p.id}`}>{p.name}</Link> · {t("showcase.fulfilled", { count: p.fulfilled })}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section>
        <h2>{t("showcase.streets")}</h2>
        <ul className="link-row">
          {streets.map((s) => (
            <li key={s.id}>
              <Link to={`/showcase/streets/${s.id}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
