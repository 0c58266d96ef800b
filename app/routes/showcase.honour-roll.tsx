import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { loadPage } from "~/lib/page.server";
import { honourRoll } from "~/modules/showcase/showcase.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.honourRoll"));

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => data({ roll: await honourRoll() }, { headers: publicPageHeaders(request) }));
}

export default function HonourRoll() {
  const { roll } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to="/showcase">← {t("showcase.title")}</Link>
      </p>
      <h1>{t("showcase.honourRoll")}</h1>
      <p>{t("partners.honourRollNote", { partners: roll.partners, shown: roll.rows.length })}</p>
      <p className="muted">{t("partners.definition")}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("place.organisation")}</th>
              <th scope="col">{t("organisations.type")}</th>
              <th scope="col">{t("showcase.wishesFulfilled")}</th>
              <th scope="col">{t("showcase.volunteerHours")}</th>
            </tr>
          </thead>
          <tbody>
            {roll.rows.map((o, i) => (
              <tr key={o.id}>
                <td>{i + 1}</td>
                <td>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td>{t(`orgTypes.${o.type}`)}</td>
                <td>{o.wishesFulfilled}</td>
                <td>{o.volunteerHours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
