import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { loadPage } from "~/lib/page.server";
import { pageMeta } from "~/lib/meta";
import { SignupConfirmInput } from "~/modules/accounts/accounts.schema";
import { createSession, getViewer } from "~/modules/accounts/auth.server";
import { confirmSignup, signupRequestShape } from "~/modules/accounts/signup.server";

export const access: RouteAccess = { loader: "public", action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.signupConfirm"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/account");
  const id = z.uuid().safeParse(new URL(request.url).searchParams.get("request"));
  return loadPage(async () => ({
    request: id.success ? id.data : "",
    shape: (id.success ? await signupRequestShape(id.data) : null) ?? { phone: true, email: false },
  }));
}

/** The code(s) sent at sign-up create the account and sign it in. */
export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    const userId = await confirmSignup(parseOrThrow(SignupConfirmInput, values));
    return redirect("/account", { headers: { "Set-Cookie": await createSession(request, userId) } });
  });
}

export default function SignupConfirm() {
  const { request, shape } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  const both = shape.phone && shape.email;
  return (
    <section className="narrow">
      <h1>{t("signupCode.title")}</h1>
      <p className="muted">{t(both ? "signupCode.sentBoth" : "signupCode.sent", { minutes: 15 })}</p>
      <Form method="post" className="stack">
        <FormError error={errors._form ?? errors.request} />
        <input type="hidden" name="request" value={request} />
        <TextField
          name="code"
          label={t(both ? "signupCode.phoneCode" : "signupCode.code")}
          hint={t("signupCode.codeHint")}
          error={errors.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        {both ? (
          <TextField
            name="emailCode"
            label={t("signupCode.emailCode")}
            hint={t("signupCode.codeHint")}
            error={errors.emailCode}
            inputMode="numeric"
            required
          />
        ) : null}
        <button type="submit" className="button">
          {t("signupCode.confirm")}
        </button>
      </Form>
      <p className="muted">{t("signupCode.already")}</p>
      <p>
        <Link to="/login">{t("passwordReset.backToLogin")}</Link> · <Link to="/password-reset">{t("passwordReset.forgotLink")}</Link> ·{" "}
        <Link to="/signup">{t("signupCode.again")}</Link>
      </p>
    </section>
  );
}
