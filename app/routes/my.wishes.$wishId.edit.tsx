import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField, useFieldError } from "~/components/form-field";
import { uploadFormAction } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { attachmentsOfNeed, MAX_PHOTOS, readImageUploads } from "~/modules/attachments/attachments.server";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { categoryKeys } from "~/modules/categories/categories";
import { NeedEditInput } from "~/modules/needs/needs.schema";
import { editableNeed, editAndResubmitNeed } from "~/modules/needs/transitions.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.myWishEdit"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const need = await editableNeed(viewer, parseId(params.wishId, "need"));
    return { need, photos: await attachmentsOfNeed(need.id), maxPhotos: MAX_PHOTOS };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return uploadFormAction(request, readImageUploads, async (values, photos) => {
    const id = parseId(params.wishId, "need");
    // One checkbox per photo, named removePhoto.<id>: the upload reader keeps one value per name.
    const removePhotoIds = Object.keys(values)
      .filter((key) => key.startsWith("removePhoto.") && values[key] === "on")
      .map((key) => key.slice("removePhoto.".length));
    const input = parseOrThrow(NeedEditInput, { ...values, removePhotoIds });
    await editAndResubmitNeed(viewer, id, input, photos);
    return redirect("/my/wishes?done=resubmitted", 303);
  });
}

export default function EditWish() {
  const { need, photos, maxPhotos } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("my.edit.title")}</h1>
      <p>
        <Link to="/my/wishes">← {t("my.edit.cancel")}</Link>
      </p>
      {!need.editable ? (
        <p className="notice notice--warning" role="status">
          {t("my.edit.notEditable")}
        </p>
      ) : (
        <>
          <p className="muted">{t("my.edit.intro")}</p>
          {need.rejectReason ? <p className="my-items__reason">{t("my.edit.reason", { reason: need.rejectReason })}</p> : null}
          <Form method="post" className="stack" encType="multipart/form-data">
            <FormError error={errors._form} />
            <TextField
              name="title"
              label={t("post.wishTitle")}
              hint={t("post.wishTitleHint")}
              error={errors.title}
              defaultValue={v.title ?? need.title}
              required
            />
            <div className={`field${errors.description ? " field--error" : ""}`}>
              <label htmlFor="field-description">{t("post.description")}</label>
              <textarea
                id="field-description"
                name="description"
                rows={5}
                maxLength={2000}
                defaultValue={v.description ?? need.description}
              />
              {errors.description ? <p className="field__error">{fieldError(errors.description)}</p> : null}
            </div>
            <SelectField
              name="category"
              label={t("post.category")}
              error={errors.category}
              defaultValue={v.category ?? need.category ?? ""}
            >
              <option value="">{t("post.categoryUnsure")}</option>
              {categoryKeys.map((key) => (
                <option key={key} value={key}>
                  {t(`category.${key}`)}
                </option>
              ))}
            </SelectField>
            {photos.length > 0 ? (
              <fieldset className="field">
                <legend>{t("my.edit.keepPhotos")}</legend>
                <div className="photos">
                  {photos.map((p) => (
                    <label key={p.id} className="photo-choice">
                      <img src={p.url} alt={t("wishes.photoAlt")} width={p.width ?? undefined} height={p.height ?? undefined} />
                      <span>
                        <input type="checkbox" name={`removePhoto.${p.id}`} /> {t("my.edit.removePhoto")}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <div className={`field${errors.photos ? " field--error" : ""}`}>
              <label htmlFor="field-photos">{t("my.edit.addPhotos")}</label>
              <input id="field-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
              <p className="field__hint">{t("post.photos", { max: maxPhotos })}</p>
              {errors.photos ? <p className="field__error">{fieldError(errors.photos)}</p> : null}
            </div>
            <button type="submit" className="button">
              {t("my.edit.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
