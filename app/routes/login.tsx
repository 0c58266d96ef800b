import type { RouteAccess } from "~/lib/access";
import { CurrentPasswordField, LoginField } from "~/modules/accounts/components/credential-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { clientAddress } from "~/lib/request.server";
import { safeRedirectPath } from "~/lib/redirects";
import { LoginInput } from "~/modules/accounts/accounts.schema";
import { authenticate } from "~/modules/accounts/accounts.server";
import { createSession, getViewer, viewerById } from "~/modules/accounts/auth.server";
import { landingPath } from "~/modules/accounts/landing";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public", action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.login"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), landingPath(viewer)));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    const input = parseOrThrow(LoginInput, values);
    const userId = await authenticate(input.login, input.password, clientAddress(context));
    // An explicit (same-site) redirectTo wins; otherwise each persona lands where its work is.
    const landing = safeRedirectPath(values.redirectTo, landingPath((await viewerById(userId))!));
    return redirect(landing, { headers: { "Set-Cookie": await createSession(request, userId) } });
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <h1>{t("auth.loginTitle")}</h1>
      {params.get("reset") === "done" ? (
        <p role="status" className="notice">
          {t("passwordReset.done")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <FormError error={errors._form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <LoginField hint={t("auth.loginHint")} error={errors.login} defaultValue={result?.values.login} />
        <CurrentPasswordField label={t("auth.password")} error={errors.password} />
        <button type="submit" className="button">
          {t("auth.loginButton")}
        </button>
      </Form>
      <p>
        <Link to="/password-reset">{t("passwordReset.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to="/signup">{t("auth.signupLink")}</Link>
      </p>
      <p className="muted">{t("auth.helpElderly")}</p>
    </section>
  );
}
