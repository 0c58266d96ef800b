import type { ReactNode, Ref } from "react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField, useFieldError } from "~/components/form-field";
import { categoryKeys } from "~/modules/categories/categories";

const weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** What the form shows before anything is typed: a new offer's defaults, or the offer being edited. */
export interface OfferFormDefaults {
  title?: string;
  description?: string;
  /** Empty for a new offer: the category and area then start at "choose". */
  category: string;
  tags?: string;
  area: string;
  capacityPerMonth: string;
  weekdays: readonly number[];
}

/**
 * An offer's fields, for publishing a new one (the organisation's dashboard) and editing one. The area is the
 * whole street or one of its communities (`street:<id>` / `community:<id>`, read by offerInputFromForm).
 */
export function OfferForm({
  formRef,
  intent,
  errors,
  typed,
  defaults,
  street,
  communities,
  submitLabel,
  children,
}: {
  formRef?: Ref<HTMLFormElement>;
  /** The hidden intent, where the page has several forms. */
  intent?: string;
  errors: Record<string, string | undefined>;
  /** What was typed, when the form comes back with errors. */
  typed: Record<string, string> | undefined;
  defaults: OfferFormDefaults;
  street: { id: string; name: string } | undefined;
  communities: readonly { id: string; name: string; streetId: string }[];
  submitLabel: string;
  /** Fields after the weekdays (the edit form's "active"). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const choose = defaults.category === "";
  return (
    <Form method="post" className="stack" ref={formRef}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError error={errors._form} />
      <TextField name="title" label={t("org.offerTitle")} error={errors.title} defaultValue={typed?.title ?? defaults.title} required />
      <div className="field">
        <label htmlFor="field-description">{t("post.description")}</label>
        <textarea id="field-description" name="description" rows={3} defaultValue={typed?.description ?? defaults.description} />
      </div>
      <SelectField
        name="category"
        label={t("post.category")}
        error={errors.category}
        defaultValue={typed?.category ?? defaults.category}
        required
      >
        {choose ? <option value="">{t("common.choose")}</option> : null}
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
        defaultValue={typed?.tags ?? defaults.tags}
      />
      <SelectField name="area" label={t("org.area")} error={errors.communityId} defaultValue={typed?.area ?? defaults.area} required>
        {choose ? <option value="">{t("common.choose")}</option> : null}
        {street ? <option value={`street:${street.id}`}>{t("offers.wholeStreet", { street: street.name })}</option> : null}
        {communities
          .filter((c) => !street || c.streetId === street.id)
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
        defaultValue={typed?.capacityPerMonth ?? defaults.capacityPerMonth}
        required
      />
      <fieldset className="field">
        <legend>{t("org.weekdays")}</legend>
        <div className="weekday-choices">
          {weekdayKeys.map((d, i) => (
            <label key={d} className="choice">
              <input type="checkbox" name="weekdays" value={i + 1} defaultChecked={defaults.weekdays.includes(i + 1)} />{" "}
              {t(`weekdays.${d}`)}
            </label>
          ))}
        </div>
        {errors.weekdays ? <p className="field__error">{fieldError(errors.weekdays)}</p> : null}
      </fieldset>
      {children}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
