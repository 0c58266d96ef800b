import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinDate } from "~/lib/tianjin-time";
import type { ResolvedProblem } from "../problems.server";

interface CommunityFigures {
  id: string;
  name: string;
  reported: number;
  resolved: number;
  open: number;
  medianDaysToResolve: number | null;
}

/** Resolved problems with the before/after photos staff chose (public: no names, places or contacts). */
export function ResolvedProblems({ problems, figures }: { problems: ResolvedProblem[]; figures?: CommunityFigures[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="resolved-heading">
      <h2 id="resolved-heading">{t("resolved.title")}</h2>
      {figures && figures.length ? (
        <div className="table-scroll">
          <table className="table">
            <caption>{t("resolved.figures")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("wishes.community")}</th>
                <th scope="col">{t("resolved.reported")}</th>
                <th scope="col">{t("cases.resolved")}</th>
                <th scope="col">{t("cases.open")}</th>
                <th scope="col">{t("cases.medianDays")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/showcase/communities/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{c.reported}</td>
                  <td>{c.resolved}</td>
                  <td>{c.open}</td>
                  <td>{c.medianDaysToResolve ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {problems.length === 0 ? <p className="muted">{t("resolved.none")}</p> : null}
      <ul className="plain stack">
        {problems.map((p) => (
          <li key={p.id} className="need-card">
            <h3>
              <Link to={`/wishes/${p.id}`}>{p.title}</Link>
            </h3>
            <p className="need-card__place">
              {p.problemType ? `${t(`problemType.${p.problemType}`)} · ` : ""}
              {p.communityName}
              {p.organisationName ? ` · ${t("resolved.by", { organisation: p.organisationName })}` : ""} ·{" "}
              {formatTianjinDate(p.completedAt, i18n.language)}
            </p>
            {p.before.length || p.after.length ? (
              <div className="photos">
                {p.before.map((id) => (
                  <figure key={id}>
                    <img src={`/attachments/${id}`} alt={t("resolved.before")} loading="lazy" width={160} height={120} />
                    <figcaption>{t("resolved.before")}</figcaption>
                  </figure>
                ))}
                {p.after.map((id) => (
                  <figure key={id}>
                    <img src={`/attachments/${id}`} alt={t("resolved.after")} loading="lazy" width={160} height={120} />
                    <figcaption>{t("resolved.after")}</figcaption>
                  </figure>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
