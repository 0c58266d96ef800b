import type { RouteAccess } from "~/lib/access";
import { FilterSelect } from "~/components/filter-select";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { needKinds } from "#db/schema/enums";
import { loadPage } from "~/lib/page.server";
import { parseOrThrow, searchParamsObject } from "~/lib/validation";
import { categoryKeys } from "~/modules/categories/categories";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";
import { NeedListQuery } from "~/modules/needs/needs.schema";
import { listPublicNeeds } from "~/modules/needs/needs.server";
import { searchWishes } from "~/modules/search/wish-search.server";
import { NeedCard } from "~/modules/needs/components/need-card";
import { placeTree } from "~/modules/places/places.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (the wall, its searches).
export const handle = { sessionPageCache: true };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.wishes"));

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const params = searchParamsObject(new URL(request.url));
    // Empty form fields mean "any".
    for (const key of Object.keys(params)) if (params[key] === "") delete params[key];
    const query = parseOrThrow(NeedListQuery, params);
    const [page, places] = await Promise.all([
      query.q ? searchWishes({ ...query, q: query.q }) : listPublicNeeds(query).then((p) => ({ ...p, mode: "list" as const })),
      placeTree(),
    ]);
    // Anonymous visitors share the wall (and searches on it): cacheable like the other public pages.
    // A fallback list (search down) is not kept: the search answers again once Meilisearch is back.
    const headers = page.mode === "fallback" ? { "Cache-Control": "no-store" } : publicPageHeaders(request);
    return data({ page, query, streets: places.streets, communities: places.communities }, { headers });
  });
}

export default function WishWall() {
  const { page, query, streets, communities } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const visibleCommunities = query.street ? communities.filter((c) => c.streetId === query.street) : communities;
  const nextParams = new URLSearchParams(
    Object.entries({ ...query, cursor: page.nextCursor ?? "" })
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      <h1>{t("wishes.title")}</h1>
      <p className="lead">{t("wishes.intro")}</p>
      <Form method="get" className="filters" aria-label={t("wishes.filters")}>
        <label>
          {t("matching.search.label")}
          <input type="search" name="q" defaultValue={query.q ?? ""} maxLength={100} placeholder={t("matching.search.placeholder")} />
        </label>
        <FilterSelect
          name="street"
          label={t("wishes.street")}
          value={query.street}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        <FilterSelect
          name="community"
          label={t("wishes.community")}
          value={query.community}
          options={visibleCommunities.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="category"
          label={t("wishes.category")}
          value={query.category}
          options={categoryKeys.map((key) => ({ value: key, label: t(`category.${key}`) }))}
        />
        <FilterSelect
          name="kind"
          label={t("wishes.kind")}
          value={query.kind}
          options={needKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("wishes.status")}
          value={query.status}
          options={publicNeedStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
        <button type="submit">{t("wishes.apply")}</button>
      </Form>
      {page.mode === "fallback" ? (
        <p className="notice notice--warning" role="status">
          {t("matching.search.unavailable")}
        </p>
      ) : null}
      {query.q && page.mode !== "fallback" ? (
        <p role="status">
          {page.mode === "keywords" && page.items.length
            ? t("matching.search.keywords", { q: query.q })
            : page.items.length
              ? t("matching.search.results", { count: page.items.length })
              : t("matching.search.none")}{" "}
          <Link to="?">{t("matching.search.clear")}</Link>
        </p>
      ) : null}
      {page.items.length === 0 ? (
        query.q ? null : (
          <p>{t("wishes.empty")}</p>
        )
      ) : (
        <div className="card-grid">
          <h2 className="visually-hidden">{t("wishes.results")}</h2>
          {page.items.map((need) => (
            <NeedCard key={need.id} need={need} />
          ))}
        </div>
      )}
      <nav className="pager">
        {query.cursor ? <Link to="?">{t("wishes.first")}</Link> : null}
        {page.nextCursor ? <Link to={`?${nextParams.toString()}`}>{t("wishes.next")}</Link> : null}
      </nav>
    </>
  );
}
