import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NeedCard } from "~/modules/needs/components/need-card";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import type { PublicNeed } from "~/modules/needs/needs.server";

/** Partners, open wishes and upcoming activities of a street or community showcase page. */
export function PlaceSections({
  partners,
  open,
  upcoming,
  showCommunity = false,
}: {
  partners: [string, string][];
  open: PublicNeed[];
  upcoming: { id: string; title: string; startsAt: string; communityName: string }[];
  showCommunity?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <section>
        <h2>{t("showcase.partners")}</h2>
        <ul className="link-row">
          {partners.map(([id, name]) => (
            <li key={id}>
              <Link to={`/organisations/${id}`}>{name}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t("showcase.openWishes")}</h2>
        <div className="card-grid">
          {open.map((n) => (
            <NeedCard key={n.id} need={n} />
          ))}
        </div>
      </section>
      <section>
        <h2>{t("showcase.upcoming")}</h2>
        <ul>
          {upcoming.map((a) => (
            <li key={a.id}>
              <Link to={`/activities/${a.id}`}>{a.title}</Link> · {formatTianjinDateTime(a.startsAt, i18n.language)}
              {showCommunity ? ` · ${a.communityName}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
