import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction, readFormFields } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { can } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { OfferPatch } from "~/modules/offers/offers.schema";
import { offerInputFromForm } from "~/modules/offers/offers-form.server";
import { getOffer, updateOffer } from "~/modules/offers/offers.server";
import { OfferForm } from "~/modules/offers/components/offer-form";
import { placeTree } from "~/modules/places/places.server";
import { pageMeta } from "~/lib/meta";

const members = ["org_admin", "org_member"] as const;
export const access: RouteAccess = { loader: members, action: members };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.editOffer"));

/** Members of the offer's organisation only. */
async function requireOfferMember(request: Request, id: string | undefined) {
  const viewer = await requireUserForPage(request);
  if (!members.some((role) => viewer.memberships.some((m) => m.role === role))) throw new Response("members only", { status: 403 });
  const offer = await loadPage(async () => getOffer(parseId(id, "offer")));
  if (!can(viewer, "organisation.act", { organisationId: offer.organisationId }))
    throw new Response("not your organisation's offer", { status: 403 });
  return { viewer, offer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { offer } = await requireOfferMember(request, params.id);
  return { offer, places: await placeTree() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, offer } = await requireOfferMember(request, params.id);
  const { values, all } = await readFormFields(request);
  return formAction(values, async () => {
    const { organisationId: _ignored, ...fields } = offerInputFromForm(values, all("weekdays"));
    await updateOffer(viewer, offer.id, parseOrThrow(OfferPatch, { ...fields, active: values.active === "on" }));
    return redirect(`/org?org=${offer.organisationId}&done=offerUpdated`, 303);
  });
}

export default function EditOffer() {
  const { offer, places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <p>
        <Link to={`/org?org=${offer.organisationId}`}>← {t("org.dashboard")}</Link>
      </p>
      <h1>{t("org.editTitle")}</h1>
      <OfferForm
        errors={errors}
        typed={result?.values}
        defaults={{
          title: offer.title,
          description: offer.description,
          category: offer.category,
          tags: offer.tags.join(", "),
          area: offer.wholeStreet ? `street:${offer.streetId}` : `community:${offer.communityId}`,
          capacityPerMonth: String(offer.capacityPerMonth),
          weekdays: offer.weekdays,
        }}
        street={{ id: offer.streetId, name: offer.streetName }}
        communities={places.communities}
        submitLabel={t("org.save")}
      >
        <label className="choice">
          <input type="checkbox" name="active" defaultChecked={offer.active} /> {t("org.activeLabel")}
        </label>
      </OfferForm>
    </section>
  );
}
