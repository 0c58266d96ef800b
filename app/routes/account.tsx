import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";
import { formAction, parseFormValues, readForm } from "~/lib/forms.server";
import { AccountIntent, PasswordChangeInput } from "~/modules/accounts/accounts.schema";
import { changePassword, deleteAccount } from "~/modules/accounts/accounts.server";
import { canManageUsers, hasRole, organisationsOf } from "~/modules/accounts/accounts.policy";
import { invitableRoles } from "~/modules/accounts/invitations.server";
import { clearedSessionCookie, endOtherSessions, readSessionId, requireUserForPage } from "~/modules/accounts/auth.server";
import { membershipLabels } from "~/modules/accounts/memberships.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.account"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return {
    viewer: { id: viewer.id, displayName: viewer.displayName },
    roles: await membershipLabels(viewer),
    canManage: canManageUsers(viewer),
    // Only those who may invite someone see the link (staff register residents instead; see accounts.policy canInvite).
    canInvite: invitableRoles(viewer).length > 0,
    registersResidents: hasRole(viewer, "community_staff") || hasRole(viewer, "street_admin") || hasRole(viewer, "platform_admin"),
    // "My things": where each persona finds its own wishes, sign-ups and claims.
    mine: {
      wishes: hasRole(viewer, "resident") || hasRole(viewer, "community_staff"),
      signups: hasRole(viewer, "volunteer"),
      claims: organisationsOf(viewer).length > 0,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    const { intent } = parseFormValues(AccountIntent, values);
    if (intent === "password") {
      const input = parseFormValues(PasswordChangeInput, values);
      await changePassword(viewer, input.currentPassword, input.newPassword, readSessionId(request));
      return { done: "password" as const };
    }
    if (intent === "signOutOthers") {
      return { done: "signOutOthers" as const, count: await endOtherSessions(request, viewer.id) };
    }
    await deleteAccount(viewer, values.password ?? null);
    return redirect("/?deleted=1", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
  });
}

export default function Account() {
  const { viewer, roles, canManage, canInvite, registersResidents, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const done = result && "done" in result ? result.done : null;
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { name: viewer.displayName })}</p>
      <h2>{t("account.roles")}</h2>
      <ul>
        {roles.map((r) => (
          <li key={r.key}>
            {t(`roles.${r.role}`)}
            {r.scope ? ` · ${r.scope}` : ""}
          </li>
        ))}
      </ul>
      {mine.wishes || mine.signups || mine.claims ? (
        <ul className="plain account-mine">
          {mine.wishes ? (
            <li>
              <Link to="/my/wishes">{t("nav.myWishes")}</Link>
            </li>
          ) : null}
          {mine.signups ? (
            <li>
              <Link to="/my/signups">{t("nav.mySignups")}</Link> · <Link to="/my/hours">{t("nav.myHours")}</Link>
            </li>
          ) : null}
          {mine.claims ? (
            <li>
              <Link to="/my/claims">{t("nav.myClaims")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {canManage || canInvite || registersResidents ? (
        <ul className="plain inline-links">
          {canManage ? (
            <li>
              <Link to="/admin/users">{t("admin.usersTitle")}</Link>
            </li>
          ) : null}
          {canInvite ? (
            <li>
              <Link to="/invitations">{t("invitations.title")}</Link>
            </li>
          ) : null}
          {registersResidents ? (
            <li>
              <Link to="/residents/new">{t("residents.newTitle")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <h2>{t("account.changePassword")}</h2>
      {done === "password" ? <p role="status">{t("account.passwordChanged")}</p> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="password" />
        <TextField
          name="currentPassword"
          type="password"
          label={t("account.currentPassword")}
          error={errors.currentPassword}
          autoComplete="current-password"
          required
        />
        <TextField
          name="newPassword"
          type="password"
          label={t("account.newPassword")}
          hint={t("auth.passwordHint")}
          error={errors.newPassword}
          autoComplete="new-password"
          required
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={t("account.confirmPassword")}
          error={errors.confirmPassword}
          autoComplete="new-password"
          required
        />
        <button type="submit" className="button">
          {t("account.changePassword")}
        </button>
      </Form>

      <h2>{t("account.sessions")}</h2>
      {done === "signOutOthers" ? <p role="status">{t("account.signedOutOthers")}</p> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="signOutOthers" />
        <button type="submit" className="button button--secondary">
          {t("account.signOutOthers")}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--secondary">
          {t("nav.logout")}
        </button>
      </Form>

      <h2>{t("account.yourData")}</h2>
      <p>
        <a href="/account/export" download>
          {t("account.export")}
        </a>
      </p>
      <details>
        <summary>{t("account.delete")}</summary>
        <p>{t("account.deleteExplain")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="delete" />
          <FormError error={errors._form} />
          <TextField name="password" type="password" label={t("auth.password")} error={errors.password} autoComplete="current-password" />
          <button type="submit" className="button button--danger">
            {t("account.deleteButton")}
          </button>
        </Form>
      </details>
    </section>
  );
}
