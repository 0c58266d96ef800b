import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface MatchPanelItem {
  id: string;
  href: string;
  title: string;
  /** Who or where, one line. */
  detail: string;
  /** null: suggested without a relevance score (e.g. simply the soonest nearby). */
  score: number | null;
  reasons: string[];
}

/** A ranked list of matches with their reasons; says so plainly when there are none or search is down. */
export function MatchPanel<T>({
  id,
  heading,
  hint,
  emptyText,
  panel,
  toItem,
}: {
  id: string;
  heading: string;
  hint?: string;
  emptyText?: string;
  panel: { state: "ok"; items: T[] } | { state: "unavailable" };
  /** How one match reads in the list (the routes know what they list). */
  toItem: (match: T) => MatchPanelItem;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-heading`} className="match-panel" data-testid={id}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {panel.state === "unavailable" ? (
        <p className="notice notice--warning" role="status">
          {t("matching.unavailable")}
        </p>
      ) : panel.items.length === 0 ? (
        <p>{emptyText ?? t("matching.none")}</p>
      ) : (
        <ol className="plain match-list">
          {panel.items.map(toItem).map((m) => (
            <li key={m.id} className="need-card">
              <h3 className="need-card__title">
                <Link to={m.href}>{m.title}</Link>
              </h3>
              <p className="need-card__who">
                {m.detail}
                {m.score !== null ? (
                  <>
                    {" "}
                    · <strong>{t("matching.score", { percent: Math.round(m.score * 100) })}</strong>
                  </>
                ) : null}
              </p>
              <ul className="match-reasons">
                {m.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
