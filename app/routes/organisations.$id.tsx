import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { getViewer } from "~/modules/accounts/auth.server";
import { agreementsOfOrganisation } from "~/modules/agreements/agreements.server";
import { listOffers } from "~/modules/offers/offers.server";
import { OfferList } from "~/modules/offers/components/offer-list";
import { getOrganisation } from "~/modules/organisations/organisations.server";
import { logoOfOrganisation } from "~/modules/attachments/attachments.server";
import { pageMeta } from "~/lib/meta";
import { resolvedProblems } from "~/modules/problems/problems.server";
import { ResolvedProblems } from "~/modules/problems/components/resolved-problems";

export const access: RouteAccess = { loader: "public" };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) =>
    data ? { title: data.organisation.name, description: data.organisation.description.slice(0, 80) } : t("titles.organisations"),
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.id, "organisation");
    const viewer = await getViewer(request);
    const [organisation, offers, agreements, logo, resolved] = await Promise.all([
      getOrganisation(viewer, id),
      listOffers({ organisation: id, active: true, limit: 100 }),
      agreementsOfOrganisation(id),
      logoOfOrganisation(id),
      resolvedProblems({ organisationId: id }, 6),
    ]);
    // The dashboard link only for the organisation's own people: /org is theirs alone.
    const isMember = Boolean(viewer?.memberships.some((m) => m.organisationId === id));
    return { organisation, offers: offers.items, partnerOf: agreements.filter((a) => a.status === "active"), logo, isMember, resolved };
  });
}

export default function OrganisationProfile() {
  const { organisation, offers, partnerOf, logo, isMember, resolved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article>
      <p className="need-card__meta">{t(`orgTypes.${organisation.type}`)}</p>
      <h1>
        {logo ? <img className="logo" src={logo.url} alt="" width={64} height={64} /> : null}
        {organisation.name}
      </h1>
      <p className="lead">{organisation.description}</p>
      <p>
        {organisation.streetName}
        {organisation.publicContact ? ` · ${t("organisations.contact")}: ${organisation.publicContact}` : ""}
      </p>
      {isMember ? (
        <p>
          <Link to={`/org?org=${organisation.id}`}>{t("org.dashboard")}</Link>
        </p>
      ) : null}
      <h2>{t("organisations.partnerOf")}</h2>
      {partnerOf.length === 0 ? <p>{t("organisations.noAgreements")}</p> : null}
      <ul>
        {partnerOf.map((a) => (
          <li key={a.id}>
            {a.communityName ?? a.streetName} · {a.startsOn} – {a.endsOn}
          </li>
        ))}
      </ul>
      <h2>{t("organisations.offers")}</h2>
      {offers.length === 0 ? <p>{t("organisations.noOffers")}</p> : <OfferList offers={offers} showOrganisation={false} />}
      {resolved.length ? <ResolvedProblems problems={resolved} /> : null}
    </article>
  );
}
