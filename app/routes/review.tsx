import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { reviewQueue } from "~/modules/needs/review.server";
import { NeedActions } from "~/modules/needs/components/need-actions";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: ["community_staff", "street_admin", "platform_admin"] };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (the queue).
export const handle = { sessionPageCache: true };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.review"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const queue = await reviewQueue(viewer);
    if (!queue) throw new Response("only community staff review wishes", { status: 403 });
    return { queue };
  });
}

// Approve and reject post to the wish's own page, which checks and applies the transition.
export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section>
      <h1>{t("review.title")}</h1>
      {queue.length === 0 ? <p>{t("review.empty")}</p> : null}
      <ul className="plain review-list">
        {queue.map((need) => (
          <li key={need.id} className="need-card">
            <h2 className="need-card__title">
              <Link to={`/wishes/${need.id}`}>{need.title}</Link>
            </h2>
            <p className="need-card__place">
              {need.communityName} · {formatTianjinDateTime(need.createdAt, i18n.language)} · {t(`category.${need.category ?? "none"}`)}
            </p>
            <p className="review-list__poster">
              {need.onBehalfOf
                ? t("reviewQueue.postedOnBehalf", { staff: need.postedByName, resident: need.onBehalfOf })
                : t("reviewQueue.postedBy", { name: need.postedByName })}
            </p>
            <p>{need.description}</p>
            {need.photos.length > 0 ? (
              <ul className="plain review-list__photos" aria-label={t("reviewQueue.photos", { count: need.photos.length })}>
                {need.photos.map((photo) => (
                  <li key={photo.id}>
                    <a href={photo.url}>
                      <img
                        src={photo.url}
                        alt={t("wishes.photoAlt")}
                        width={photo.width ?? undefined}
                        height={photo.height ?? undefined}
                        loading="lazy"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <NeedActions actions={["approve", "reject"]} organisations={[]} errors={{}} formAction={`/wishes/${need.id}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
