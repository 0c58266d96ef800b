import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { listPublicNeeds } from "~/modules/needs/needs.server";
import { NeedCard } from "~/modules/needs/components/need-card";
import { platformFigures } from "~/modules/showcase/showcase.server";
import { FigureList } from "~/components/figure-list";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (figures, the newest wishes).
export const handle = { sessionPageCache: true };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, (t) => ({ title: t("titles.home"), description: t("titles.homeDescription") }));

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const [figures, recent] = await Promise.all([platformFigures(), listPublicNeeds({ kind: "micro_wish", limit: 6 })]);
    return data({ figures, recentWishes: recent.items }, { headers: publicPageHeaders(request) });
  });
}

export default function Home() {
  const { figures, recentWishes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
      </section>
      <section aria-labelledby="how">
        <h2 id="how">{t("home.how")}</h2>
        <ol className="steps">
          <li>{t("home.step1")}</li>
          <li>{t("home.step2")}</li>
          <li>{t("home.step3")}</li>
          <li>{t("home.step4")}</li>
        </ol>
      </section>
      <section aria-labelledby="figures">
        <h2 id="figures">{t("home.figures")}</h2>
        <FigureList figures={figures} />
        <p className="muted">{t("partners.definition")}</p>
        <nav className="link-row" aria-label={t("home.explore")}>
          <Link to="/showcase">{t("showcase.title")}</Link>
          <Link to="/showcase/honour-roll">{t("showcase.honourRoll")}</Link>
          <Link to="/showcase/volunteers">{t("showcase.leaderboard")}</Link>
          <Link to="/activities">{t("nav.activities")}</Link>
          <Link to="/organisations">{t("nav.organisations")}</Link>
          <Link to="/wishes">{t("nav.wishes")}</Link>
        </nav>
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t("home.recentWishes")}</h2>
        {recentWishes.length === 0 ? (
          <p>{t("home.noWishes")}</p>
        ) : (
          <div className="card-grid">
            {recentWishes.map((need) => (
              <NeedCard key={need.id} need={need} />
            ))}
          </div>
        )}
        <p>
          <Link to="/wishes">{t("home.allWishes")}</Link>
        </p>
      </section>
    </>
  );
}
