import type { RouteAccess } from "~/lib/access";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadPage } from "~/lib/page.server";
import { publicCertificate, verifyCertificate } from "~/modules/ledger/certificates.server";
import { CertificateStyles, ServiceCertificate } from "~/modules/ledger/components/certificate";
import { pageMeta } from "~/lib/meta";

// Anyone holding a printed certificate may check it; the page shows only what the certificate shows: the
// name in full (to match the person), no contact details.
export const access: RouteAccess = { loader: "public" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.verify"), [{ name: "robots", content: "noindex" }]);

export async function loader({ params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const verified = params.code ? await verifyCertificate(params.code) : null;
    // Not valid is an answer, not an error: 200 with no data at all.
    if (!verified) return { valid: false as const };
    return { valid: true as const, certificate: publicCertificate(verified), reversedSinceIssue: verified.reversedSinceIssue };
  });
}

export default function VerifyCertificate() {
  const result = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!result.valid) {
    return (
      <section className="narrow">
        <h1>{t("verify.title")}</h1>
        <p role="status" className="notice">
          <strong>{t("verify.invalid")}</strong>
        </p>
        <p>{t("verify.invalidHelp")}</p>
      </section>
    );
  }
  return (
    <>
      <CertificateStyles />
      <section className="no-print">
        <h1>{t("verify.title")}</h1>
        <p role="status" className="notice">
          <strong>{t("verify.valid")}</strong>
        </p>
        {result.reversedSinceIssue > 0 ? <p>{t("verify.reversedSinceIssue", { count: result.reversedSinceIssue })}</p> : null}
        <p className="muted">{t("verifyText.matchNote")}</p>
      </section>
      <ServiceCertificate certificate={result.certificate} heading="h2" />
    </>
  );
}
