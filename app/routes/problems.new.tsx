import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField, useFieldError } from "~/components/form-field";
import { uploadFormAction } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { pageMeta } from "~/lib/meta";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { MAX_PHOTOS, readImageUploads } from "~/modules/attachments/attachments.server";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { problemTypes } from "~/modules/problems/problem-types";
import { ProblemInput, problemInputFromForm } from "~/modules/problems/problems.schema";
import { createProblem, reportingChoices } from "~/modules/problems/problems.server";

const reporters = ["resident", "grid_worker", "community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: reporters, action: reporters };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.newProblem"));

async function requireReporter(request: Request) {
  const viewer = await requireUserForPage(request);
  const choices = await reportingChoices(viewer);
  if (choices.reportCommunities.length === 0) throw new Response("only residents, grid workers and staff report problems", { status: 403 });
  return { viewer, choices };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { choices } = await requireReporter(request);
  return {
    places: await placeTree(),
    ...choices,
    maxPhotos: MAX_PHOTOS,
    types: problemTypes.map((p) => ({ key: p.key, days: p.resolveDays })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireReporter(request);
  return uploadFormAction(request, readImageUploads, async (values, photos) => {
    const need = await createProblem(viewer, parseOrThrow(ProblemInput, problemInputFromForm(values)), photos);
    return redirect(`/wishes/${need.id}?done=${need.status === "pending_review" ? "submitted" : "posted"}`, 303);
  });
}

export default function NewProblem() {
  const { places, reportCommunities, forOthersCommunities, maxPhotos, types } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values ?? {};
  const forOthers = forOthersCommunities.length > 0;
  return (
    <section className="narrow">
      <h1>{t("problems.new.title")}</h1>
      <p className="muted">{forOthers ? t("problems.new.introStaff") : t("problems.new.intro")}</p>
      <Form method="post" className="stack" encType="multipart/form-data">
        <FormError error={errors._form} />
        <SelectField
          name="problemType"
          label={t("problems.new.type")}
          error={errors.problemType}
          defaultValue={v.problemType ?? ""}
          required
        >
          <option value="">{t("common.choose")}</option>
          {types.map((type) => (
            <option key={type.key} value={type.key}>
              {t("problems.new.limits", { type: t(`problemType.${type.key}`), days: type.days })}
            </option>
          ))}
        </SelectField>
        <TextField
          name="title"
          label={t("problems.new.problemTitle")}
          hint={t("problems.new.problemTitleHint")}
          error={errors.title}
          defaultValue={v.title}
          required
        />
        <div className={`field${errors.description ? " field--error" : ""}`}>
          <label htmlFor="field-description">{t("problems.new.description")}</label>
          <textarea id="field-description" name="description" rows={4} maxLength={2000} defaultValue={v.description} />
          {errors.description ? <p className="field__error">{fieldError(errors.description)}</p> : null}
        </div>
        <SelectField
          name="communityId"
          label={t("auth.community")}
          error={errors.communityId}
          defaultValue={v.communityId ?? (reportCommunities.length === 1 ? reportCommunities[0] : "")}
          required
        >
          <CommunityOptions places={places} only={reportCommunities} />
        </SelectField>
        <TextField
          name="location"
          label={t("problems.new.location")}
          hint={t("problems.new.locationHint")}
          error={errors.location}
          defaultValue={v.location}
        />
        <fieldset className="field">
          <legend>{t("problems.new.point")}</legend>
          <TextField name="latitude" label={t("problems.new.latitude")} error={errors.latitude} defaultValue={v.latitude} />
          <TextField name="longitude" label={t("problems.new.longitude")} error={errors.longitude} defaultValue={v.longitude} />
        </fieldset>
        <div className={`field${errors.photos ? " field--error" : ""}`}>
          <label htmlFor="field-photos">{t("problems.new.photos", { max: maxPhotos })}</label>
          <input id="field-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
          {errors.photos ? <p className="field__error">{fieldError(errors.photos)}</p> : null}
        </div>
        {forOthers ? (
          <fieldset className="field">
            <legend>{t("problems.new.onBehalf")}</legend>
            <p className="field__hint">{t("problems.new.onBehalfHint")}</p>
            <TextField
              name="onBehalfName"
              label={t("problems.new.onBehalfName")}
              error={errors["onBehalfOf.name"]}
              defaultValue={v.onBehalfName}
            />
            <TextField
              name="onBehalfPhone"
              type="tel"
              label={t("problems.new.onBehalfPhone")}
              error={errors["onBehalfOf.phone"]}
              defaultValue={v.onBehalfPhone}
            />
            <label className="choice">
              <input type="checkbox" name="onBehalfConsent" value="on" /> {t("problems.new.consent")}
            </label>
            {errors["onBehalfOf.consent"] ? <p className="field__error">{fieldError(errors["onBehalfOf.consent"])}</p> : null}
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {t("problems.new.submit")}
        </button>
      </Form>
    </section>
  );
}
