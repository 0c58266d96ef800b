import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PublicNeed } from "../needs.server";

export function NeedCard({ need }: { need: PublicNeed }) {
  const { t, i18n } = useTranslation();
  const date = new Date(need.createdAt).toLocaleDateString(i18n.language, { timeZone: "Asia/Shanghai" });
  return (
    <article className="need-card">
      <p className="need-card__meta">
        <span className={`badge badge--${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
        <span className="badge badge--kind">{t(`kind.${need.kind}`)}</span> <span>{t(`category.${need.category ?? "none"}`)}</span>
      </p>
      <h3 className="need-card__title">
        <Link to={`/wishes/${need.id}`}>{need.title}</Link>
      </h3>
      <p className="need-card__place">{t("wishes.place", { street: need.streetName, community: need.communityName })}</p>
      <p className="need-card__who">
        {t(need.kind === "micro_wish" ? "wishes.postedBy" : "wishes.postedByCommunity", { name: need.requesterName })} ·{" "}
        {t("wishes.postedAt", { date })}
      </p>
    </article>
  );
}
