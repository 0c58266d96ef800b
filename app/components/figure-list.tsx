import { useTranslation } from "react-i18next";

/** Labelled figures; `labels` names the locale group that holds their labels. */
export function FigureList({ figures, labels = "figures" }: { figures: Record<string, number>; labels?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="figures">
      {Object.entries(figures).map(([key, value]) => (
        <div key={key} className="figure">
          <dt>{t(`${labels}.${key}`)}</dt>
          <dd>{value.toLocaleString(i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}
