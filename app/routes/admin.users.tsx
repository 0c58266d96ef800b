import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden } from "~/lib/errors";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { loadPage } from "~/lib/page.server";
import { listManagedUsers, revokeMembership } from "~/modules/accounts/accounts.server";
import { canManageUsers } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { pageMeta } from "~/lib/meta";
import { RevokeMembershipInput } from "~/modules/accounts/accounts.schema";

export const access: RouteAccess = {
  loader: ["platform_admin", "street_admin", "community_staff"],
  action: ["platform_admin", "street_admin", "community_staff"],
};

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.users"));

async function requireManager(request: Request) {
  const viewer = await requireUserForPage(request);
  if (!canManageUsers(viewer)) throw new Response("forbidden", { status: 403 });
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireManager(request);
  const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, 50) || undefined;
  return loadPage(async () => ({
    users: (await listManagedUsers(viewer, { q, limit: 100 })).map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })),
    q: q ?? "",
  }));
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireManager(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    const { membershipId } = parseOrThrow(RevokeMembershipInput, values);
    if (!canManageUsers(viewer)) throw forbidden();
    await revokeMembership(viewer, membershipId);
    return { done: true };
  });
}

/** Residents with a login get a one-time code slip (the server decides again who may print one). */
function mayPrintSlip(u: { email: string | null; phone: string | null; memberships: { role: string }[] }) {
  return (
    !!(u.phone || u.email) &&
    u.memberships.some((m) => m.role === "resident") &&
    u.memberships.every((m) => m.role === "resident" || m.role === "volunteer")
  );
}

export default function AdminUsers() {
  const { users, q } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("admin.usersTitle")}</h1>
      <Form method="get" className="filters">
        <label>
          {t("admin.search")}
          <input type="search" name="q" defaultValue={q} />
        </label>
        <button type="submit">{t("wishes.apply")}</button>
      </Form>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("auth.displayName")}</th>
            <th scope="col">{t("admin.login")}</th>
            <th scope="col">{t("account.roles")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email ?? u.phone ?? t("admin.noLogin")}</td>
              <td>
                <ul className="plain">
                  {u.memberships.map((m) => (
                    <li key={m.id}>
                      {t(`roles.${m.role}`)} {m.communityName ?? m.streetName ?? m.organisationName ?? ""}
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <button type="submit" className="link-button">
                          {t("admin.revoke")}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                {mayPrintSlip(u) ? <Link to={`/residents/${u.id}/slip`}>{t("residentSlip.link")}</Link> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
