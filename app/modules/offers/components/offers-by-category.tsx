import { useTranslation } from "react-i18next";
import type { OfferView } from "../offers.server";
import { OfferList } from "./offer-list";

/** Offers grouped by category, each group folded: for the community and street staff pages. */
export function OffersByCategory({ groups }: { groups: { category: string; offers: OfferView[] }[] }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t("place.offersByCategory")}</h2>
      {groups.map((group) => (
        <details key={group.category}>
          <summary>
            {t(`category.${group.category}`)} ({group.offers.length})
          </summary>
          <OfferList offers={group.offers} />
        </details>
      ))}
    </section>
  );
}
