import { useTranslation } from "react-i18next";
import type { OfferView } from "../offers.server";

const weekdayKeys = ["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export function OfferList({
  offers,
  showOrganisation = true,
}: {
  offers: Pick<
    OfferView,
    | "id"
    | "title"
    | "category"
    | "organisationName"
    | "communityName"
    | "streetName"
    | "wholeStreet"
    | "capacityPerMonth"
    | "capacityLeft"
    | "weekdays"
    | "active"
  >[];
  showOrganisation?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="plain offer-list">
      {offers.map((o) => (
        <li key={o.id} className="need-card">
          <p className="need-card__meta">
            <span>{t(`category.${o.category}`)}</span>
            {o.active ? null : <span className="badge"> {t("offers.paused")}</span>}
          </p>
          <h3 className="need-card__title">{o.title}</h3>
          {showOrganisation ? <p className="need-card__who">{o.organisationName}</p> : null}
          <p className="need-card__place">
            {o.wholeStreet ? t("offers.wholeStreet", { street: o.streetName }) : o.communityName} ·{" "}
            {t("offers.capacity", { left: o.capacityLeft, total: o.capacityPerMonth })} ·{" "}
            {o.weekdays.map((d) => t(`weekdays.${weekdayKeys[d]}`)).join("、")}
          </p>
        </li>
      ))}
    </ul>
  );
}
