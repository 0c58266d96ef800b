import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField, useFieldError } from "~/components/form-field";
import { uploadFormAction } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { MAX_PHOTOS, readImageUploads } from "~/modules/attachments/attachments.server";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { categoryKeys } from "~/modules/categories/categories";
import { NeedInput } from "~/modules/needs/needs.schema";
import { createNeed, needInputFromForm, postingChoices } from "~/modules/needs/posting.server";
import { residentsOfCommunities } from "~/modules/accounts/accounts.server";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { pageMeta } from "~/lib/meta";

const posters = ["resident", "grid_worker", "community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: posters, action: posters };

/** Residents, grid workers (for a resident) and staff post; everyone else is refused before anything is read. */
async function requirePoster(request: Request) {
  const viewer = await requireUserForPage(request);
  const places = await placeTree();
  const choices = postingChoices(viewer, places);
  if (choices.wishCommunities.length === 0) throw new Response("only residents and community staff post wishes", { status: 403 });
  return { viewer, places, choices };
}

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.newWish"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { places, choices } = await requirePoster(request);
  // Staff and grid workers post for a registered resident of their communities: picked from a list (?for= preselects one).
  const residents = (await residentsOfCommunities(choices.behalfCommunities)).map((r) => ({
    id: r.id,
    label: r.fullName && r.fullName !== r.displayName ? `${r.displayName}（${r.fullName}）` : r.displayName,
    communityId: r.communityId!,
  }));
  const forId = new URL(request.url).searchParams.get("for");
  const preselected = residents.find((r) => r.id === forId) ?? null;
  // The limit comes with the data: a .server constant is not in the browser bundle, and the label would not hydrate.
  return { places, ...choices, residents, preselected, maxPhotos: MAX_PHOTOS };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requirePoster(request);
  return uploadFormAction(request, readImageUploads, async (values, photos) => {
    const need = await createNeed(viewer, parseOrThrow(NeedInput, needInputFromForm(values)), photos);
    // Say what happened: a resident's wish waits for the community's review; staff posts are published at once.
    return redirect(`/wishes/${need.id}?done=${need.status === "pending_review" ? "submitted" : "posted"}`, 303);
  });
}

export default function NewWish() {
  const { places, staffCommunities, wishCommunities, behalfCommunities, residents, preselected, maxPhotos } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values ?? {};
  const isStaff = staffCommunities.length > 0;
  const postsForResidents = behalfCommunities.length > 0;
  return (
    <section className="narrow">
      <h1>{t(isStaff ? "post.titleStaff" : "post.title")}</h1>
      <p className="muted">
        {isStaff
          ? t("post.introStaff")
          : postsForResidents && wishCommunities.every((c) => behalfCommunities.includes(c))
            ? t("post.introGridWorker")
            : t("post.intro")}
      </p>
      <Form method="post" className="stack" encType="multipart/form-data">
        <FormError error={errors._form} />
        {isStaff ? (
          <SelectField name="kind" label={t("post.kind")} error={errors.kind} defaultValue={v.kind ?? "micro_wish"}>
            {(["micro_wish", "need", "project"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </SelectField>
        ) : (
          <input type="hidden" name="kind" value="micro_wish" />
        )}
        <TextField
          name="title"
          label={t("post.wishTitle")}
          hint={t("post.wishTitleHint")}
          error={errors.title}
          defaultValue={v.title}
          required
        />
        <div className={`field${errors.description ? " field--error" : ""}`}>
          <label htmlFor="field-description">{t("post.description")}</label>
          <textarea id="field-description" name="description" rows={5} maxLength={2000} defaultValue={v.description} />
          <p className="field__hint">{t("post.descriptionHint")}</p>
          {errors.description ? <p className="field__error">{fieldError(errors.description)}</p> : null}
        </div>
        <SelectField name="category" label={t("post.category")} error={errors.category} defaultValue={v.category ?? ""}>
          <option value="">{t("post.categoryUnsure")}</option>
          {categoryKeys.map((key) => (
            <option key={key} value={key}>
              {t(`category.${key}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="communityId"
          label={t("auth.community")}
          error={errors.communityId}
          defaultValue={v.communityId ?? preselected?.communityId ?? (wishCommunities.length === 1 ? wishCommunities[0] : "")}
          required
        >
          <CommunityOptions places={places} only={wishCommunities} />
        </SelectField>
        <div className={`field${errors.photos ? " field--error" : ""}`}>
          <label htmlFor="field-photos">{t("post.photos", { max: maxPhotos })}</label>
          <input id="field-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
          {errors.photos ? <p className="field__error">{fieldError(errors.photos)}</p> : null}
        </div>
        <TextField
          name="contactPhone"
          type="tel"
          label={t("post.contactPhone")}
          hint={t("post.privateHint")}
          error={errors.contactPhone}
          defaultValue={v.contactPhone}
        />
        <TextField name="address" label={t("post.address")} hint={t("post.privateHint")} error={errors.address} defaultValue={v.address} />
        {postsForResidents ? (
          <fieldset className="field">
            <legend>{t("post.onBehalf")}</legend>
            <p className="field__hint">{t("post.onBehalfHint")}</p>
            <SelectField
              name="onBehalfUserId"
              label={t("onBehalf.resident")}
              error={errors["onBehalfOf.userId"]}
              defaultValue={v.onBehalfUserId ?? preselected?.id ?? ""}
            >
              <option value="">{t("onBehalf.noneChosen")}</option>
              {behalfCommunities.map((communityId) => {
                const inCommunity = residents.filter((r) => r.communityId === communityId);
                if (inCommunity.length === 0) return null;
                return (
                  <optgroup key={communityId} label={places.communities.find((c) => c.id === communityId)?.name ?? ""}>
                    {inCommunity.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </SelectField>
            {/* Registering a resident is staff's; a grid worker types the name of one not registered. */}
            {isStaff ? (
              <p className="field__hint">
                {t("onBehalf.notRegistered")} <Link to="/residents/new">{t("residents.newTitle")}</Link>
                {t("onBehalf.orTypeName")}
              </p>
            ) : null}
            <TextField name="onBehalfName" label={t("post.onBehalfName")} error={errors["onBehalfOf.name"]} defaultValue={v.onBehalfName} />
            <TextField
              name="onBehalfPhone"
              type="tel"
              label={t("post.onBehalfPhone")}
              error={errors["onBehalfOf.phone"]}
              defaultValue={v.onBehalfPhone}
            />
            <label className="choice">
              <input type="checkbox" name="onBehalfConsent" value="on" /> {t("post.onBehalfConsent")}
            </label>
            {errors["onBehalfOf.consent"] ? <p className="field__error">{fieldError(errors["onBehalfOf.consent"])}</p> : null}
            {isStaff ? (
              <div className={`field${errors.items ? " field--error" : ""}`}>
                <label htmlFor="field-items">{t("post.items")}</label>
                <textarea id="field-items" name="items" rows={4} defaultValue={v.items} />
                <p className="field__hint">{t("post.itemsHint")}</p>
                {errors.items ? <p className="field__error">{fieldError(errors.items)}</p> : null}
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {t("post.submit")}
        </button>
      </Form>
    </section>
  );
}
