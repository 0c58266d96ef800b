import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { formAction } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { hasRole } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { issuePrintedResetCode, printableResident } from "~/modules/accounts/password-resets.server";
import { pageMeta } from "~/lib/meta";

const staff = ["community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: staff, action: staff };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.residentSlip"));

async function requireStaff(request: Request, id: string | undefined) {
  const viewer = await requireUserForPage(request);
  if (!staff.some((role) => hasRole(viewer, role))) throw new Response("staff only", { status: 403 });
  return { viewer, userId: await loadPage(async () => parseId(id, "resident")) };
}

/** Who the slip is for; the code itself is made only by the POST (each print is audited). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, userId } = await requireStaff(request, params.id);
  return { resident: await loadPage(() => printableResident(viewer, userId)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, userId } = await requireStaff(request, params.id);
  return formAction({}, async () => ({ slip: await issuePrintedResetCode(viewer, userId), origin: new URL(request.url).origin }));
}

export default function ResidentSlip() {
  const { resident } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const slip = result && "slip" in result ? result : null;
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  if (slip) {
    const { slip: s, origin } = slip;
    return (
      <section className="narrow login-slip">
        <h1>{t("residentSlip.slipTitle")}</h1>
        <dl className="pairs login-slip__pairs">
          <dt>{t("residentSlip.name")}</dt>
          <dd>{s.displayName}</dd>
          {s.communityName ? (
            <>
              <dt>{t("auth.community")}</dt>
              <dd>{s.communityName}</dd>
            </>
          ) : null}
          <dt>{t("residentSlip.login")}</dt>
          <dd className="login-slip__value">{s.login}</dd>
          <dt>{s.firstPassword ? t("residentSlip.setupCode") : t("residentSlip.resetCode")}</dt>
          <dd className="login-slip__value login-slip__code">{s.code}</dd>
          <dt>{t("residentSlip.validUntil")}</dt>
          <dd>{formatTianjinDateTime(s.expiresAt, i18n.language)}</dd>
        </dl>
        <h2>{t("residentSlip.howTitle")}</h2>
        <ol>
          <li>{t("residentSlip.step1", { url: `${origin}/password-reset/confirm` })}</li>
          <li>{t("residentSlip.step2")}</li>
          <li>{t("residentSlip.step3")}</li>
        </ol>
        <p className="muted">{t("residentSlip.oneTime")}</p>
        <p className="no-print action-forms">
          <button type="button" className="button" onClick={() => window.print()}>
            {t("residentSlip.print")}
          </button>
          <Link to="/admin/users">{t("admin.usersTitle")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("residentSlip.title", { name: resident.displayName })}</h1>
      <FormError error={errors._form} />
      {resident.login ? (
        <>
          <p>{resident.firstPassword ? t("residentSlip.introSetup") : t("residentSlip.introReset")}</p>
          <p className="muted">{t("residentSlip.audited")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("residentSlip.create")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("residentSlip.noLogin")}</p>
      )}
    </section>
  );
}
