import type { RouteAccess } from "~/lib/access";
import { CurrentPasswordField, LoginField } from "~/modules/accounts/components/credential-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { clientAddress } from "~/lib/request.server";
import { safeRedirectPath } from "~/lib/redirects";
import { LoginCodeInput, LoginCodeRequestInput, LoginInput } from "~/modules/accounts/accounts.schema";
import { authenticateWithCode, requestLoginCode } from "~/modules/accounts/login-codes.server";
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
    // The code login: first "send code" (the phone), then the phone and the code; both without JavaScript.
    if (values.intent === "send_code") {
      const { phone } = parseOrThrow(LoginCodeRequestInput, values);
      await requestLoginCode(phone);
      return { codeSentTo: phone };
    }
    let userId: string;
    if (values.intent === "code_login") {
      const input = parseOrThrow(LoginCodeInput, values);
      userId = await authenticateWithCode(input.phone, input.code);
    } else {
      const input = parseOrThrow(LoginInput, values);
      userId = await authenticate(input.login, input.password, clientAddress(context));
    }
    // An explicit (same-site) redirectTo wins; otherwise each persona lands where its work is.
    const landing = safeRedirectPath(values.redirectTo, landingPath((await viewerById(userId))!));
    return redirect(landing, { headers: { "Set-Cookie": await createSession(request, userId) } });
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const failure = result && "fieldErrors" in result ? result : null;
  const errors = failure?.fieldErrors ?? {};
  const codeSentTo = result && "codeSentTo" in result ? result.codeSentTo : null;
  const codeIntent = failure?.values.intent;
  return (
    <section className="narrow">
      <h1>{t("auth.loginTitle")}</h1>
      {params.get("reset") === "done" ? (
        <p role="status" className="notice">
          {t("passwordReset.done")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        {codeIntent ? null : <FormError error={errors._form} />}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <LoginField hint={t("auth.loginHint")} error={errors.login} defaultValue={codeIntent ? undefined : failure?.values.login} />
        <CurrentPasswordField label={t("auth.password")} error={errors.password} />
        <button type="submit" className="button">
          {t("auth.loginButton")}
        </button>
      </Form>
      <section className="stack" aria-labelledby="code-login">
        <h2 id="code-login">{t("messages.codeLogin.title")}</h2>
        {codeSentTo ? (
          <p role="status" className="notice">
            {t("messages.codeLogin.sent")}
          </p>
        ) : null}
        {codeSentTo || codeIntent === "code_login" ? (
          <Form method="post" className="stack">
            <FormError error={codeIntent === "code_login" ? errors._form : undefined} />
            <input type="hidden" name="intent" value="code_login" />
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextField
              name="phone"
              label={t("auth.phone")}
              error={codeIntent === "code_login" ? errors.phone : undefined}
              defaultValue={codeSentTo ?? failure?.values.phone}
              autoComplete="tel"
              inputMode="tel"
              required
            />
            <TextField
              name="code"
              label={t("messages.codeLogin.code")}
              error={errors.code}
              autoComplete="one-time-code"
              inputMode="numeric"
              required
            />
            <button type="submit" className="button">
              {t("messages.codeLogin.loginButton")}
            </button>
          </Form>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="send_code" />
          {codeSentTo || codeIntent === "code_login" ? (
            <input type="hidden" name="phone" value={codeSentTo ?? failure?.values.phone ?? ""} />
          ) : (
            <TextField
              name="phone"
              label={t("auth.phone")}
              error={codeIntent === "send_code" ? errors.phone : undefined}
              defaultValue={failure?.values.phone}
              autoComplete="tel"
              inputMode="tel"
              required
            />
          )}
          <button type="submit" className={codeSentTo || codeIntent === "code_login" ? "button button--secondary" : "button"}>
            {codeSentTo || codeIntent === "code_login" ? t("messages.codeLogin.resend") : t("messages.codeLogin.send")}
          </button>
        </Form>
      </section>
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
