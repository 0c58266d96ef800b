import { useTranslation } from "react-i18next";
import type { PlaceTree } from "../places.server";

/** Communities grouped by street, for a <select>. */
export function CommunityOptions({ places, only }: { places: PlaceTree; only?: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t("common.choose")}</option>
      {places.districts.flatMap((d) =>
        d.streets.map((s) => {
          const communities = s.communities.filter((c) => !only || only.includes(c.id));
          return communities.length ? (
            <optgroup key={s.id} label={`${d.name} · ${s.name}`}>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ) : null;
        }),
      )}
    </>
  );
}
