import { useTranslation } from "react-i18next";
import { ColumnChart, PairedBarChart } from "~/components/charts";
import { FigureList } from "~/components/figure-list";
import { monthLabel } from "~/modules/places/months";
import type { ShowcaseSummary } from "../showcase.server";

/** Figures and the two charts of a summary, for the city, a street or a community. */
export function ShowcaseFigures({ summary }: { summary: ShowcaseSummary }) {
  const { t, i18n } = useTranslation();
  const { wishesCompleted, needsOpen, partners, activeAgreements, volunteers, approvedHours } = summary;
  const months = summary.byMonth.map((m) => ({ ...monthLabel(m.month, i18n.language), value: m.completed }));
  return (
    <>
      <FigureList figures={{ wishesCompleted, needsOpen, partners, activeAgreements, volunteers, approvedHours }} />
      <p className="muted">{t("partners.definition")}</p>
      <section>
        <h2>{t("showcase.byMonth")}</h2>
        <ColumnChart title={t("showcase.byMonth")} description={months.map((m) => `${m.full}: ${m.value}`).join(", ")} bars={months} />
      </section>
      {summary.byCategory.length ? (
        <section>
          <h2>{t("showcase.byCategory")}</h2>
          <PairedBarChart
            title={t("showcase.byCategory")}
            description={summary.byCategory.map((c) => `${t(`category.${c.category}`)}: ${c.completed} / ${c.open}`).join(", ")}
            rows={summary.byCategory.map((c) => ({ label: t(`category.${c.category}`), a: c.completed, b: c.open }))}
            legend={[t("showcase.completed"), t("showcase.open")]}
          />
        </section>
      ) : null}
    </>
  );
}
