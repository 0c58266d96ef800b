import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinDate } from "~/lib/tianjin-time";
import type { CaseDashboardData, CaseFigures } from "../problems.server";

function FiguresTable({ caption, rows, label }: { caption: string; rows: CaseFigures[]; label: (row: CaseFigures) => string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.name")}</th>
            <th scope="col">{t("cases.open")}</th>
            <th scope="col">{t("cases.overdue")}</th>
            <th scope="col">{t("cases.resolved")}</th>
            <th scope="col">{t("cases.medianDays")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row)}</th>
              <td>{row.open}</td>
              <td>{row.overdue ? <strong className="badge badge--overdue">{row.overdue}</strong> : 0}</td>
              <td>{row.resolved}</td>
              <td>{row.medianDaysToResolve ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Problems and dispatched cases of a street or community: overdue ones flagged first, then figures. */
export function CaseDashboard({ data }: { data: CaseDashboardData }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="cases-heading">
      <h2 id="cases-heading">{t("cases.title")}</h2>
      {data.overdue.length ? (
        <div className="notice notice--warning" role="status">
          <p>
            <strong>{t("cases.overdueFlag", { count: data.overdue.length })}</strong>
          </p>
          <ul>
            {data.overdue.map((c) => (
              <li key={c.id}>
                <Link to={`/wishes/${c.id}`}>{c.title}</Link> · {c.communityName} · {t(`status.${c.status}`)}
                {c.resolveDueAt ? ` · ${t("cases.dueOn", { date: formatTianjinDate(c.resolveDueAt, i18n.language) })}` : ""}
                {c.escalatedAt ? ` · ${t("cases.escalated")}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">{t("cases.noneOverdue")}</p>
      )}
      <FiguresTable caption={t("cases.byCategory")} rows={data.byCategory} label={(r) => t(`category.${r.key}`, { defaultValue: r.key })} />
      <FiguresTable caption={t("cases.byOrganisation")} rows={data.byOrganisation} label={(r) => r.name ?? r.key} />
    </section>
  );
}
