import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinNumericDate } from "~/lib/tianjin-time";
import type { PublicNeed } from "../needs.server";

type Pieces = { text: string; hit: boolean }[];

/** Search matches marked with <mark>, from pieces (never from HTML). */
function Marked({ pieces }: { pieces: Pieces }) {
  return <>{pieces.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

export function NeedCard({ need }: { need: PublicNeed & { highlight?: { title: Pieces; description: Pieces } } }) {
  const { t, i18n } = useTranslation();
  const date = formatTianjinNumericDate(need.createdAt, i18n.language);
  return (
    <article className="need-card">
      <p className="need-card__meta">
        <span className={`badge badge--${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
        <span className="badge badge--kind">{t(`kind.${need.kind}`)}</span> <span>{t(`category.${need.category ?? "none"}`)}</span>
      </p>
      <h3 className="need-card__title">
        <Link to={`/wishes/${need.id}`}>{need.highlight ? <Marked pieces={need.highlight.title} /> : need.title}</Link>
      </h3>
      {need.highlight?.description.length ? (
        <p className="need-card__excerpt">
          <Marked pieces={need.highlight.description} />
        </p>
      ) : null}
      <p className="need-card__place">{t("wishes.place", { street: need.streetName, community: need.communityName })}</p>
      <p className="need-card__who">
        {t(need.kind === "micro_wish" ? "wishes.postedBy" : "wishes.postedByCommunity", { name: need.requesterName })} ·{" "}
        {t("wishes.postedAt", { date })}
      </p>
    </article>
  );
}
