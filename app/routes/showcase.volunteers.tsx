import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { volunteerLeaderboard } from "~/modules/showcase/showcase.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.leaderboard"));

/** Only volunteers who chose to appear, with masked names. */
export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => data({ board: await volunteerLeaderboard() }, { headers: publicPageHeaders(request) }));
}

export default function Leaderboard() {
  const { board } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to="/showcase">← {t("showcase.title")}</Link>
      </p>
      <h1>{t("showcase.leaderboard")}</h1>
      <p className="muted">{t("showcase.leaderboardNote")}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("activities.volunteer")}</th>
            <th scope="col">{t("wishes.community")}</th>
            <th scope="col">{t("showcase.hours")}</th>
          </tr>
        </thead>
        <tbody>
          {board.map((v) => (
            <tr key={v.rank}>
              <td>{v.rank}</td>
              <td>{v.name}</td>
              <td>{v.community ?? ""}</td>
              <td>{v.hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
