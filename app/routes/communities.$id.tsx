import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-field";
import { DoneNotice, useFormResetOnDone } from "~/components/done-notice";
import { formAction, readFormFields } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { can, hasRole } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listOrganisationsByIds } from "~/modules/accounts/invitations.server";
import { AgreementInput } from "~/modules/agreements/agreements.schema";
import { proposeAgreement } from "~/modules/agreements/agreements.server";
import { categoryKeys } from "~/modules/categories/categories";
import { OffersByCategory } from "~/modules/offers/components/offers-by-category";
import { communityOverview } from "~/modules/places/place-overview.server";
import { PlaceOverview } from "~/modules/places/components/place-overview";
import { pageMeta } from "~/lib/meta";
import { caseDashboard } from "~/modules/problems/problems.server";
import { CaseDashboard } from "~/modules/problems/components/case-dashboard";

const staff = ["community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: staff, action: staff };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => data?.overview.community.name ?? t("titles.community"));

/** Staff of this community, its street's admin, or a platform admin. */
async function requireCommunityStaff(request: Request, id: string | undefined) {
  const viewer = await requireUserForPage(request);
  if (!staff.some((role) => hasRole(viewer, role))) throw new Response("staff only", { status: 403 });
  const communityId = (() => {
    try {
      return parseId(id, "community");
    } catch {
      throw new Response("not found", { status: 404 });
    }
  })();
  const overview = await loadPage(() => communityOverview(communityId));
  if (!can(viewer, "need.review", { communityId, streetId: overview.community.streetId }))
    throw new Response("not your community", { status: 403 });
  return { viewer, overview };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { overview } = await requireCommunityStaff(request, params.id);
  return {
    overview,
    organisations: await listOrganisationsByIds(null),
    cases: await caseDashboard({ communityId: overview.community.id }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, overview } = await requireCommunityStaff(request, params.id);
  const { values, all } = await readFormFields(request);
  return formAction(values, async () => {
    await proposeAgreement(
      viewer,
      parseOrThrow(AgreementInput, {
        organisationId: values.organisationId,
        communityId: overview.community.id,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        categories: all("categories"),
      }),
    );
    return redirect(`/communities/${overview.community.id}?done=proposed`, 303);
  });
}

export default function CommunityPage() {
  const { overview, organisations, cases } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const newForm = useFormResetOnDone(!!result?.fieldErrors);
  const errors = result?.fieldErrors ?? {};
  const typed = result?.values ?? {};
  return (
    <>
      <h1>{overview.community.name}</h1>
      <DoneNotice failed={!!result?.fieldErrors} />
      <p>
        <Link to={`/streets/${overview.community.streetId}`}>{overview.community.streetName}</Link> ·{" "}
        <Link to={`/wishes?community=${overview.community.id}`}>{t("nav.wishes")}</Link> ·{" "}
        <Link to={`/communities/${overview.community.id}/paper`}>{t("paper.link")}</Link>
      </p>
      <p>
        <a href="/exports/hours.csv" download>
          {t("place.exportHours")}
        </a>{" "}
        ·{" "}
        <a href="/exports/totals.csv" download>
          {t("place.exportTotals")}
        </a>
      </p>
      <CaseDashboard data={cases} />
      <PlaceOverview agreements={overview.agreements} gaps={overview.gaps} />
      <OffersByCategory groups={overview.offersByCategory} />
      <section className="narrow">
        <h2>{t("place.propose")}</h2>
        <Form method="post" className="stack" ref={newForm}>
          <FormError error={errors._form} />
          <SelectField
            name="organisationId"
            label={t("place.organisation")}
            error={errors.organisationId}
            defaultValue={typed.organisationId}
            required
          >
            <option value="">{t("common.choose")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="startsOn"
            type="date"
            label={t("place.startsOn")}
            error={errors.startsOn}
            defaultValue={typed.startsOn}
            required
          />
          <TextField name="endsOn" type="date" label={t("place.endsOn")} error={errors.endsOn} defaultValue={typed.endsOn} required />
          <fieldset className="field">
            <legend>{t("place.scope")}</legend>
            <div className="weekday-choices">
              {categoryKeys.map((key) => (
                <label key={key} className="choice">
                  <input type="checkbox" name="categories" value={key} /> {t(`category.${key}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button">
            {t("place.proposeButton")}
          </button>
        </Form>
      </section>
    </>
  );
}
