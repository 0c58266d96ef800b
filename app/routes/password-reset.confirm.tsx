import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { PasswordResetConfirmForm } from "~/modules/accounts/accounts.schema";
import { confirmPasswordReset } from "~/modules/accounts/password-resets.server";
import { PasswordResetConfirmFields } from "~/modules/accounts/components/password-reset-confirm-fields";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.passwordResetConfirm"));

/** Sets the new password with the code (sent, or printed by staff); every session of the account ends. */
export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    await confirmPasswordReset(parseOrThrow(PasswordResetConfirmForm, values));
    return redirect("/login?reset=done", 303);
  });
}

export default function PasswordResetConfirm() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t("passwordReset.confirmTitle")}</h1>
      <p className="muted">{t("passwordReset.confirmIntro")}</p>
      <Form method="post" className="stack">
        <PasswordResetConfirmFields errors={result?.fieldErrors ?? {}} login={result?.values.login} code={result?.values.code} />
      </Form>
      <p>
        {t("passwordReset.noCode")} <Link to="/password-reset">{t("passwordReset.requestLink")}</Link>
      </p>
    </section>
  );
}
