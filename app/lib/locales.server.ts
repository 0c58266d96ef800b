// Both languages' words, bundled: for the server (and tests). Under a .server name so that the browser
// build replaces this module by an empty one: the browser loads only the page's language, in a chunk of
// its own (loadTranslation in i18n.ts).
import zhCN from "~/locales/zh-CN.json";
import en from "~/locales/en.json";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;
