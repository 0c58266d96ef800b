import type { RouteAccess } from "~/lib/access";
import { ConsentField, DisplayNameField, NewPasswordField } from "~/modules/accounts/components/credential-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { loadPage } from "~/lib/page.server";
import { SignupInput } from "~/modules/accounts/accounts.schema";
import { requestSignup } from "~/modules/accounts/signup.server";
import { getViewer } from "~/modules/accounts/auth.server";
import { clientAddress } from "~/lib/request.server";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public", action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.signup"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/account");
  return loadPage(async () => ({ places: await placeTree() }));
}

/** Sends a code (or, to a login that has an account, a notice) and answers the same either way: the code form. */
export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    const id = await requestSignup(parseOrThrow(SignupInput, values), clientAddress(context));
    return redirect(`/signup/confirm?request=${id}`, 303);
  });
}

export default function Signup() {
  const { places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("auth.signupTitle")}</h1>
      <p className="muted">{t("auth.signupIntro")}</p>
      <Form method="post" className="stack">
        <FormError error={errors._form} />
        <DisplayNameField error={errors.displayName} defaultValue={v.displayName} />
        <TextField
          name="phone"
          type="tel"
          inputMode="tel"
          label={t("auth.phone")}
          error={errors.phone}
          defaultValue={v.phone}
          autoComplete="tel"
        />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          hint={t("auth.emailOrPhone")}
          error={errors.email}
          defaultValue={v.email}
          autoComplete="email"
        />
        <NewPasswordField label={t("auth.password")} error={errors.password} />
        <SelectField name="communityId" label={t("auth.community")} error={errors.communityId} defaultValue={v.communityId ?? ""} required>
          <CommunityOptions places={places} />
        </SelectField>
        <fieldset className="field">
          <legend>{t("auth.iAm")}</legend>
          <label className="choice">
            <input type="radio" name="role" value="resident" defaultChecked={v.role !== "volunteer"} /> {t("roles.resident")}
          </label>
          <label className="choice">
            <input type="radio" name="role" value="volunteer" defaultChecked={v.role === "volunteer"} /> {t("roles.volunteer")}
          </label>
        </fieldset>
        <ConsentField label={t("auth.consent")} error={errors.consent} markInvalid />
        <button type="submit" className="button">
          {t("auth.signupButton")}
        </button>
      </Form>
    </section>
  );
}
