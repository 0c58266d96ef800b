import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { InvitationInput } from "~/modules/accounts/accounts.schema";
import { createInvitation } from "~/modules/accounts/accounts.server";
import { hasRole, organisationsOf } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { invitableRoles, listOrganisationsByIds } from "~/modules/accounts/invitations.server";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = {
  loader: ["platform_admin", "street_admin", "org_admin"],
  action: ["platform_admin", "street_admin", "org_admin"],
};

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.invitations"));

async function requireInviter(request: Request) {
  const viewer = await requireUserForPage(request);
  if (invitableRoles(viewer).length === 0) throw new Response("you cannot invite anyone", { status: 403 });
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireInviter(request);
  const [places, organisations] = await Promise.all([
    placeTree(),
    listOrganisationsByIds(hasRole(viewer, "platform_admin") ? null : organisationsOf(viewer)),
  ]);
  return { roles: invitableRoles(viewer), places, organisations };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireInviter(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    const invitation = await createInvitation(viewer, parseOrThrow(InvitationInput, values));
    return { link: `${new URL(request.url).origin}/invitations/${invitation.token}`, expiresAt: invitation.expiresAt.toISOString() };
  });
}

export default function Invitations() {
  const { roles, places, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <section className="narrow">
      <h1>{t("invitations.title")}</h1>
      <p className="muted">{t("invitations.intro")}</p>
      {result && "link" in result ? (
        <div className="notice" role="status">
          <p>{t("invitations.created")}</p>
          <p>
            <code>{result.link}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack">
        <FormError error={errors._form} />
        <SelectField name="role" label={t("invitations.role")} error={errors.role} required>
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField name="communityId" label={t("invitations.communityFor")} error={errors.communityId}>
          <CommunityOptions places={places} />
        </SelectField>
        <SelectField name="streetId" label={t("invitations.streetFor")} error={errors.streetId}>
          <option value="">{t("common.choose")}</option>
          {places.streets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="organisationId" label={t("invitations.organisationFor")} error={errors.organisationId}>
          <option value="">{t("common.choose")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField name="email" type="email" label={t("auth.email")} error={errors.email} />
        <TextField name="phone" type="tel" label={t("auth.phone")} error={errors.phone} />
        <button type="submit" className="button">
          {t("invitations.create")}
        </button>
      </Form>
    </section>
  );
}
