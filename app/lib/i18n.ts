import i18next, { type i18n as I18n } from "i18next";
import { resources } from "./locales.server";

export const supportedLocales = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

function newInstance(locale: Locale, bundles: Partial<Record<Locale, { translation: object }>>): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: bundles,
    lng: locale,
    fallbackLng: defaultLocale,
    // The bundles are "zh-CN" and "en": looking up a bare "zh" first would only miss.
    load: "currentOnly",
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  memoiseLanguageCodes(instance);
  return instance;
}

/**
 * i18next canonicalises the language code (Intl.getCanonicalLocales) several times in every t() call;
 * the codes are a handful of fixed strings, so each is worked out once (a tenth of a signed-in wish
 * wall's server time went there).
 */
function memoiseLanguageCodes(instance: I18n) {
  const utils = instance.services.languageUtils as { formatLanguageCode?: (code: string) => string } | undefined;
  const format = utils?.formatLanguageCode?.bind(utils);
  if (!utils || !format) return;
  const known = new Map<string, string>();
  utils.formatLanguageCode = (code: string) => {
    if (typeof code !== "string") return format(code);
    let formatted = known.get(code);
    if (formatted === undefined) known.set(code, (formatted = format(code)));
    return formatted;
  };
}

const shared = new Map<Locale, I18n>();

/**
 * The server's translator for a language, from the bundled resources (locales.server.ts: empty in the
 * browser, which uses createPageI18n): one instance per language, shared by every request (building
 * one cost more than rendering a small page), so never change its language.
 */
export function createI18n(locale: Locale): I18n {
  let instance = shared.get(locale);
  if (!instance) {
    instance = newInstance(locale, resources);
    shared.set(locale, instance);
  }
  return instance;
}

/** Each language on its own (a chunk of its own in the browser build): the browser loads only the page's. */
export const loadTranslation: Record<Locale, () => Promise<{ default: object }>> = {
  "zh-CN": () => import("~/locales/zh-CN.json"),
  en: () => import("~/locales/en.json"),
};

let pageInstance: I18n | null = null;

/** The browser's instance: the page's language only (entry.client.tsx), also what page titles use there (meta.ts). */
export function createPageI18n(locale: Locale, translation: object): I18n {
  pageInstance = newInstance(locale, { [locale]: { translation } });
  return pageInstance;
}

/** The browser's instance once entry.client.tsx made it (null on the server). */
export function pageI18n(): I18n | null {
  return pageInstance;
}
