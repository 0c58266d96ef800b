import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { PasswordResetRequestInput } from "~/modules/accounts/accounts.schema";
import { requestPasswordReset } from "~/modules/accounts/password-resets.server";
import { PasswordResetConfirmFields } from "~/modules/accounts/components/password-reset-confirm-fields";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.passwordReset"));

/** Asks for a code; the page then shows the form for it (the same answer whether or not the login has an account). */
export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    const { login } = parseOrThrow(PasswordResetRequestInput, values);
    await requestPasswordReset(login);
    return { sentTo: login };
  });
}

export default function PasswordResetRequest() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const sentTo = result && "sentTo" in result ? result.sentTo : null;
  return (
    <section className="narrow">
      <h1>{t("passwordReset.title")}</h1>
      {sentTo ? (
        <>
          <p role="status" className="notice">
            {t("passwordReset.sent", { login: sentTo })}
          </p>
          <Form method="post" action="/password-reset/confirm" className="stack">
            <PasswordResetConfirmFields errors={{}} login={sentTo} />
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="login" value={sentTo} />
            <button type="submit" className="button button--secondary">
              {t("passwordReset.sendAgain")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="muted">{t("passwordReset.intro")}</p>
          <Form method="post" className="stack">
            <FormError error={errors._form} />
            <TextField
              name="login"
              label={t("auth.login")}
              hint={t("auth.loginHint")}
              error={errors.login}
              defaultValue={result && "values" in result ? result.values.login : undefined}
              autoComplete="username"
              required
            />
            <button type="submit" className="button">
              {t("passwordReset.send")}
            </button>
          </Form>
          <p>
            {t("passwordReset.haveCode")} <Link to="/password-reset/confirm">{t("passwordReset.enterCode")}</Link>
          </p>
        </>
      )}
      <p className="muted">{t("passwordReset.askStaff")}</p>
      <p>
        <Link to="/login">{t("passwordReset.backToLogin")}</Link>
      </p>
    </section>
  );
}
