import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinDate } from "~/lib/tianjin-time";
import type { DispatchedWork } from "../problems.server";

/** An organisation's dispatched work (派单): waiting for its answer, or accepted and in hand, with due dates. */
export function DispatchedWorkList({ items }: { items: DispatchedWork[] }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatTianjinDate(iso, i18n.language);
  return (
    <section aria-labelledby="dispatched-heading">
      <h2 id="dispatched-heading">{t("dispatch.work")}</h2>
      {items.length === 0 ? <p className="muted">{t("dispatch.noWork")}</p> : null}
      <ul>
        {items.map((d) => (
          <li key={d.dispatchId}>
            <Link to={`/wishes/${d.needId}`}>{d.title}</Link> · {d.communityName} ·{" "}
            {d.status === "pending" ? t("dispatch.waitingAnswer", { date: date(d.acknowledgeDueAt) }) : t(`status.${d.needStatus}`)} ·{" "}
            {t("dispatch.dueBy", { date: date(d.dueAt) })}
            {d.overdue ? (
              <>
                {" "}
                <span className="badge badge--overdue">{t("cases.overdue")}</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
