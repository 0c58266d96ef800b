import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField, useFieldError } from "~/components/form-field";
import { formAction, readFormFields } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { can } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { categoryKeys } from "~/modules/categories/categories";
import { OfferPatch } from "~/modules/offers/offers.schema";
import { offerInputFromForm } from "~/modules/offers/offers-form.server";
import { getOffer, updateOffer } from "~/modules/offers/offers.server";
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
  const fieldError = useFieldError();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values;
  const area = offer.wholeStreet ? `street:${offer.streetId}` : `community:${offer.communityId}`;
  return (
    <section className="narrow">
      <p>
        <Link to={`/org?org=${offer.organisationId}`}>← {t("org.dashboard")}</Link>
      </p>
      <h1>{t("org.editTitle")}</h1>
      <Form method="post" className="stack">
        <FormError error={errors._form} />
        <TextField name="title" label={t("org.offerTitle")} error={errors.title} defaultValue={v?.title ?? offer.title} required />
        <div className="field">
          <label htmlFor="field-description">{t("post.description")}</label>
          <textarea id="field-description" name="description" rows={3} defaultValue={v?.description ?? offer.description} />
        </div>
        <SelectField
          name="category"
          label={t("post.category")}
          error={errors.category}
          defaultValue={v?.category ?? offer.category}
          required
        >
          {categoryKeys.map((key) => (
            <option key={key} value={key}>
              {t(`category.${key}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          name="tags"
          label={t("org.tags")}
          hint={t("org.tagsHint")}
          error={errors.tags}
          defaultValue={v?.tags ?? offer.tags.join(", ")}
        />
        <SelectField name="area" label={t("org.area")} error={errors.communityId} defaultValue={v?.area ?? area} required>
          <option value={`street:${offer.streetId}`}>{t("offers.wholeStreet", { street: offer.streetName })}</option>
          {places.communities
            .filter((c) => c.streetId === offer.streetId)
            .map((c) => (
              <option key={c.id} value={`community:${c.id}`}>
                {c.name}
              </option>
            ))}
        </SelectField>
        <TextField
          name="capacityPerMonth"
          type="number"
          inputMode="numeric"
          label={t("org.capacity")}
          error={errors.capacityPerMonth}
          defaultValue={v?.capacityPerMonth ?? String(offer.capacityPerMonth)}
          required
        />
        <fieldset className="field">
          <legend>{t("org.weekdays")}</legend>
          <div className="weekday-choices">
            {["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d, i) => (
              <label key={d} className="choice">
                <input type="checkbox" name="weekdays" value={i + 1} defaultChecked={offer.weekdays.includes(i + 1)} /> {t(`weekdays.${d}`)}
              </label>
            ))}
          </div>
          {errors.weekdays ? <p className="field__error">{fieldError(errors.weekdays)}</p> : null}
        </fieldset>
        <label className="choice">
          <input type="checkbox" name="active" defaultChecked={offer.active} /> {t("org.activeLabel")}
        </label>
        <button type="submit" className="button">
          {t("org.save")}
        </button>
      </Form>
    </section>
  );
}
