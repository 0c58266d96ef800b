import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { communityPaper } from "~/modules/paper/paper.server";
import { pageMeta } from "~/lib/meta";

const staff = ["community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: staff };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.paper"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(() => communityPaper(viewer, parseId(params.id, "community")));
}

export default function CommunityPaper() {
  const { community, residents, wishes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t("paper.indexTitle", { community: community.name })}</h1>
      <p className="muted">{t("paper.indexIntro")}</p>
      <h2>{t("paper.statements")}</h2>
      {residents.length === 0 ? <p>{t("paper.noResidents")}</p> : null}
      <ul>
        {residents.map((r) => (
          <li key={r.id}>
            <Link to={`/residents/${r.id}/statement`}>{r.name}</Link>{" "}
            <span className="muted">{t("paper.wishCount", { count: r.wishes })}</span>
          </li>
        ))}
      </ul>
      <h2>{t("paper.slips")}</h2>
      {wishes.length === 0 ? <p>{t("paper.noWishes")}</p> : null}
      <ul>
        {wishes.map((w) => (
          <li key={w.id}>
            <Link to={`/wishes/${w.id}/slip`}>{w.title}</Link> <span className="muted">{t(`status.${w.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
