// A page title in the page's language: meta functions have no translation hook, so they read the
// language the root loader detected and translate with a one-off i18n instance.
import { createI18n, defaultLocale, isLocale } from "~/lib/i18n";

interface MatchWithData {
  id: string;
  data?: unknown;
}

/** "<translated key> · <detail> | 邻里 Linli" in Chinese, "… | Linli" in English. */
export function translatedTitle(matches: readonly MatchWithData[], key: string, detail?: string): string {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  const { t } = createI18n(isLocale(locale) ? locale : defaultLocale);
  const brand = t("app.name") === "Linli" ? "Linli" : `${t("app.name")} Linli`;
  return `${t(key)}${detail ? ` · ${detail}` : ""} | ${brand}`;
}
