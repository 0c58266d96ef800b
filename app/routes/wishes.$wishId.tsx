import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { loadPage } from "~/lib/page.server";
import { getPublicNeed } from "~/modules/needs/needs.server";

export const access: RouteAccess = { loader: "public" };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.need.title} | 邻里 Linli` },
        { property: "og:title", content: data.need.title },
        { property: "og:description", content: data.need.description.slice(0, 80) },
      ]
    : [{ title: "邻里 Linli" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = z.uuid().safeParse(params.wishId);
    if (!id.success) throw new Response("not found", { status: 404 });
    return { need: await getPublicNeed(id.data) };
  });
}

export default function WishPage() {
  const { need } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const date = new Date(need.createdAt).toLocaleDateString(i18n.language, { timeZone: "Asia/Shanghai" });
  return (
    <article className="need-page">
      <p>
        <Link to="/wishes">← {t("wishes.back")}</Link>
      </p>
      <p className="need-card__meta">
        <span className={`badge badge--${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
        <span className="badge badge--kind">{t(`kind.${need.kind}`)}</span> <span>{t(`category.${need.category ?? "none"}`)}</span>
      </p>
      <h1>{need.title}</h1>
      <p className="need-card__place">{t("wishes.place", { street: need.streetName, community: need.communityName })}</p>
      <p>
        {t(need.kind === "micro_wish" ? "wishes.postedBy" : "wishes.postedByCommunity", { name: need.requesterName })} ·{" "}
        {t("wishes.postedAt", { date })}
      </p>
      <p className="need-page__description">{need.description}</p>
      {need.items.length > 0 ? (
        <section>
          <h2>{t("wishes.items")}</h2>
          <ul className="item-list">
            {need.items.map((item) => (
              <li key={item.id}>
                {item.title} — {t(`itemStatus.${item.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {need.thanks ? (
        <section>
          <h2>{t("wishes.thanks")}</h2>
          <blockquote>{need.thanks}</blockquote>
        </section>
      ) : null}
    </article>
  );
}
