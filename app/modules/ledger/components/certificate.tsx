import { useTranslation } from "react-i18next";
import { useNonce } from "~/lib/nonce";

export interface CertificateRow {
  title: string;
  organiser: string;
  date: string;
  /** Left out on the public verification page. */
  startTime?: string;
  endTime?: string;
  minutes: number;
}

export interface CertificateContent {
  number: string;
  issuedOn: string;
  volunteerName: string;
  totalApprovedMinutes: number;
  organisations: string[];
  activities: CertificateRow[];
}

/** Minutes as hours, up to two decimals: 90 → "1.5", 120 → "2". */
export function formatHours(minutes: number): string {
  return String(Number((minutes / 60).toFixed(2)));
}

// A constant (no user data), so it goes in as-is; React would escape quotes in a text child.
const CERTIFICATE_STYLES = `
.certificate { background: #fff; border: 3px double #7a5c2e; padding: 1.5rem 2rem; max-width: 52rem; margin: 1rem auto; }
.certificate__title { text-align: center; letter-spacing: 0.3em; margin: 0 0 0.25rem; }
.certificate__number { text-align: center; margin: 0 0 1rem; font-family: monospace; }
.certificate__statement { font-size: 1.1rem; line-height: 1.9; text-indent: 2em; }
.certificate__facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 1rem 0; }
.certificate__facts dt { font-weight: 600; }
.certificate__facts dd { margin: 0; }
.certificate table { font-size: 0.95rem; }
.certificate .nowrap { white-space: nowrap; }
.certificate__verify { display: flex; gap: 1rem; align-items: center; margin-top: 1.5rem; }
.certificate__verify img { width: 8rem; height: 8rem; }
.certificate__url { word-break: break-all; font-size: 0.8rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { background: #fff; color: #000; }
  .page { padding: 0; max-width: none; }
  .certificate { border: 0; margin: 0; padding: 0; max-width: none; }
  .certificate tr { break-inside: avoid; }
  .certificate__verify { break-inside: avoid; }
  .no-print { display: none !important; }
}
`;

export function CertificateStyles() {
  // An inline style element: the Content-Security-Policy lets it in by this response's nonce.
  return <style nonce={useNonce()} dangerouslySetInnerHTML={{ __html: CERTIFICATE_STYLES }} />;
}

/** The service certificate as printed; the verification page shows it without times and with the name masked. */
export function ServiceCertificate({
  certificate,
  qrCode,
  verifyUrl,
  heading: Heading = "h1",
}: {
  certificate: CertificateContent;
  /** A data URI of the QR code pointing at verifyUrl. */
  qrCode?: string;
  verifyUrl?: string;
  /** h2 where the page has its own title. */
  heading?: "h1" | "h2";
}) {
  const { t } = useTranslation();
  const withTimes = certificate.activities.some((a) => a.startTime);
  return (
    <article className="certificate" aria-labelledby="certificate-title">
      <Heading id="certificate-title" className="certificate__title">
        {t("certificate.title")}
      </Heading>
      <p className="certificate__number">
        {t("certificate.number")}: {certificate.number}
      </p>
      <p className="certificate__statement">
        {t("certificate.statement", {
          name: certificate.volunteerName,
          count: certificate.activities.length,
          hours: formatHours(certificate.totalApprovedMinutes),
        })}
      </p>
      <dl className="certificate__facts">
        <dt>{t("certificate.volunteer")}</dt>
        <dd>{certificate.volunteerName}</dd>
        <dt>{t("certificate.totalHours")}</dt>
        <dd>{t("certificate.hours", { hours: formatHours(certificate.totalApprovedMinutes) })}</dd>
        <dt>{t("certificate.certifiedBy")}</dt>
        <dd>{certificate.organisations.length ? certificate.organisations.join("、") : "—"}</dd>
        <dt>{t("certificate.issuedOn")}</dt>
        <dd>
          <time dateTime={certificate.issuedOn}>{certificate.issuedOn}</time>
        </dd>
      </dl>
      {certificate.activities.length ? (
        <table className="table" aria-label={t("certificate.activities")}>
          <thead>
            <tr>
              <th scope="col">{t("certificate.date")}</th>
              {withTimes ? <th scope="col">{t("certificate.time")}</th> : null}
              <th scope="col">{t("certificate.activity")}</th>
              <th scope="col">{t("certificate.organiser")}</th>
              <th scope="col">{t("certificate.activityHours")}</th>
            </tr>
          </thead>
          <tbody>
            {certificate.activities.map((a, i) => (
              <tr key={`${a.date}-${a.startTime ?? ""}-${i}`}>
                <td className="nowrap">
                  <time dateTime={a.date}>{a.date}</time>
                </td>
                {withTimes ? (
                  <td className="nowrap">
                    {a.startTime}–{a.endTime}
                  </td>
                ) : null}
                <td>{a.title}</td>
                <td>{a.organiser}</td>
                <td className="nowrap">{formatHours(a.minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("certificate.none")}</p>
      )}
      {qrCode && verifyUrl ? (
        <footer className="certificate__verify">
          <img src={qrCode} alt={t("certificate.qrAlt")} />
          <p>
            {t("certificate.verifyHint")}
            <br />
            <span className="certificate__url">{verifyUrl}</span>
          </p>
        </footer>
      ) : null}
    </article>
  );
}
