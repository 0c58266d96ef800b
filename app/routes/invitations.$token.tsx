import type { RouteAccess } from "~/lib/access";
import { NewPasswordField } from "~/modules/accounts/components/credential-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { loadPage } from "~/lib/page.server";
import { AcceptInvitationInput } from "~/modules/accounts/accounts.schema";
import { acceptInvitation, findInvitation } from "~/modules/accounts/accounts.server";
import { createSession, getViewer } from "~/modules/accounts/auth.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public", action: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.acceptInvitation"));

// Anyone holding the link may see what it offers; the token itself is the credential.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const invitation = await findInvitation(params.token ?? "");
    const viewer = await getViewer(request);
    return {
      invitation: {
        role: invitation.role,
        place: invitation.communityName ?? invitation.streetName ?? invitation.organisationName,
        usable: invitation.usable,
        hasLogin: !!(invitation.email || invitation.phone),
      },
      signedInAs: viewer?.displayName ?? null,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const values = await readForm(request);
  return formAction(values, async () => {
    const viewer = await getViewer(request);
    const input = parseOrThrow(AcceptInvitationInput, values);
    const userId = await acceptInvitation(params.token ?? "", viewer, input);
    if (viewer) return redirect("/account");
    return redirect("/account", { headers: { "Set-Cookie": await createSession(request, userId) } });
  });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <h1>{t("invitations.acceptTitle")}</h1>
      <p>{t("invitations.offer", { role: t(`roles.${invitation.role}`), place: invitation.place ?? "" })}</p>
      {!invitation.usable ? (
        <p role="alert">{t("invitations.unusable")}</p>
      ) : (
        <Form method="post" className="stack">
          <FormError error={errors._form} />
          {signedInAs ? (
            <p>{t("invitations.acceptAs", { name: signedInAs })}</p>
          ) : invitation.hasLogin ? (
            <>
              <TextField name="displayName" label={t("auth.displayName")} error={errors.displayName} required />
              <NewPasswordField label={t("auth.password")} error={errors.password} />
            </>
          ) : (
            <p>{t("invitations.signInFirst")}</p>
          )}
          <button type="submit" className="button">
            {t("invitations.accept")}
          </button>
        </Form>
      )}
    </section>
  );
}
