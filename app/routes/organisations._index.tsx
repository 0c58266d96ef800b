import type { RouteAccess } from "~/lib/access";
import { FilterSelect } from "~/components/filter-select";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseOrThrow, searchParamsObject } from "~/lib/validation";
import { orgTypes } from "~/modules/categories/categories";
import { OrganisationListQuery } from "~/modules/organisations/organisations.schema";
import { listOrganisations } from "~/modules/organisations/organisations.server";
import { countPartners } from "~/modules/organisations/partners.server";
import { placeTree } from "~/modules/places/places.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.organisations"));

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const params = Object.fromEntries(Object.entries(searchParamsObject(new URL(request.url))).filter(([, v]) => v !== ""));
    const query = parseOrThrow(OrganisationListQuery, { limit: "100", ...params });
    // The public list shows partners (organisations/partners.server.ts), the same ones the home page counts.
    const filtered = !!(query.type || query.street || query.q);
    const [page, places, partners] = await Promise.all([
      listOrganisations({ ...query, partnersOnly: true }),
      placeTree(),
      filtered ? null : countPartners(),
    ]);
    return { page, query, streets: places.streets, filtered, partners };
  });
}

export default function Organisations() {
  const { page, query, streets, filtered, partners } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("organisations.title")}</h1>
      <p className="lead">{t("organisations.intro")}</p>
      <p className="muted">{t("partners.definition")}</p>
      <Form method="get" className="filters">
        <FilterSelect
          name="type"
          label={t("organisations.type")}
          value={query.type}
          options={orgTypes.map((o) => ({ value: o.key, label: t(`orgTypes.${o.key}`) }))}
        />
        <FilterSelect
          name="street"
          label={t("wishes.street")}
          value={query.street}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        <button type="submit">{t("wishes.apply")}</button>
      </Form>
      <p role="status">
        {filtered || partners === null
          ? t("partners.countFiltered", { count: page.items.length })
          : t("partners.count", { count: partners })}
      </p>
      <div className="card-grid">
        {page.items.map((o) => (
          <article key={o.id} className="need-card">
            <p className="need-card__meta">{t(`orgTypes.${o.type}`)}</p>
            <h2 className="need-card__title">
              <Link to={`/organisations/${o.id}`}>{o.name}</Link>
            </h2>
            <p className="need-card__place">{o.streetName}</p>
          </article>
        ))}
      </div>
    </>
  );
}
