import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

interface AgreementRow {
  id: string;
  organisationId: string;
  organisationName: string;
  communityName: string | null;
  streetName: string;
  startsOn: string;
  endsOn: string;
  status: string;
}

/** Partners, agreements and gaps: shared by the community and street pages. */
export function PlaceOverview({ agreements, gaps }: { agreements: AgreementRow[]; gaps: { category: string; open_needs: number }[] }) {
  const { t } = useTranslation();
  const partners = agreements.filter((a) => a.status === "active");
  return (
    <>
      <section>
        <h2>{t("place.partners", { count: partners.length })}</h2>
        <ul>
          {partners.map((a) => (
            <li key={a.id}>
              <Link to={`/organisations/${a.organisationId}`}>{a.organisationName}</Link> · {a.communityName ?? a.streetName} · {a.startsOn}{" "}
              – {a.endsOn}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t("place.agreements")}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("place.organisation")}</th>
              <th scope="col">{t("place.period")}</th>
              <th scope="col">{t("wishes.status")}</th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((a) => (
              <tr key={a.id}>
                <td>{a.organisationName}</td>
                <td>
                  {a.startsOn} – {a.endsOn}
                </td>
                <td>{t(`agreementStatus.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t("place.gaps")}</h2>
        {gaps.length === 0 ? <p>{t("place.noGaps")}</p> : null}
        <ul>
          {gaps.map((g) => (
            <li key={g.category}>{t("place.gap", { category: t(`category.${g.category}`), count: g.open_needs })}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
