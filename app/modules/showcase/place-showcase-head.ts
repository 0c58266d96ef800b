import type { TFunction } from "i18next";

/** The title and description of a street's or a community's showcase page (the showcase's own title until it is found). */
export function placeShowcaseHead(t: TFunction, place: string | undefined) {
  return {
    title: place ? t("titles.placeShowcase", { place }) : t("titles.showcase"),
    description: t("titles.placeShowcaseDescription"),
  };
}
