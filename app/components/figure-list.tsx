import { useTranslation } from "react-i18next";

export function FigureList({ figures }: { figures: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="figures">
      {Object.entries(figures).map(([key, value]) => (
        <div key={key} className="figure">
          <dt>{t(`figures.${key}`)}</dt>
          <dd>{value.toLocaleString(i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}
