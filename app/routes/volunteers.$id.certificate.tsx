import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { issueCertificateFor, qrCodeDataUri } from "~/modules/ledger/certificates.server";
import { CertificateStyles, ServiceCertificate } from "~/modules/ledger/components/certificate";
import { pageMeta } from "~/lib/meta";

// The volunteer, staff of their home community and admins of a team they are in; others 403 (checked in the module).
export const access: RouteAccess = { loader: "user" };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => t("titles.certificate", { number: data?.certificate.number ?? "" }).trim(), [
    { name: "robots", content: "noindex" },
  ]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const volunteerId = parseId(params.id, "volunteer");
    const certificate = await issueCertificateFor(viewer, volunteerId);
    const verifyUrl = `${new URL(request.url).origin}/verify/${certificate.code}`;
    return { certificate, verifyUrl, qrCode: await qrCodeDataUri(verifyUrl) };
  });
}

export default function VolunteerCertificate() {
  const { certificate, verifyUrl, qrCode } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <CertificateStyles />
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("certificate.print")}
        </button>
      </p>
      <ServiceCertificate certificate={certificate} qrCode={qrCode} verifyUrl={verifyUrl} />
    </>
  );
}
